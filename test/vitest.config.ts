import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// End-to-end tests: real servers over HTTP, one per test file, files run one at a time
// (each server holds an embedded database; two cores are shared).
export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['e2e/**/*.test.ts', 'attacks/**/*.test.ts', 'fuzz/**/*.test.ts', 'browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
