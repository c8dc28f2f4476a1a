import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql (CJS and ESM copies clash: "Cannot use GraphQLObjectType from another realm").
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['./src/testing/setup.ts'],
  },
});
