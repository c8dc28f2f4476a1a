import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the schema. Never `push`: migrations are committed and applied by migrate().
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
