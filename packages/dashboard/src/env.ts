/** The one place the dashboard reads build-time environment. */
export const env = Object.freeze({
  /** Same origin in production (the server serves dist/), proxied by vite in dev. */
  graphqlUrl: (import.meta.env.VITE_GRAPHQL_URL as string | undefined) ?? '/graphql',
  /** How long the builder waits after the last edit before asking for a new estimate. */
  estimateDebounceMs: 400,
});
