export { createDb, migrate, MIGRATIONS_FOLDER } from './client.js';
export type { Database, DbHandle, DbOptions, Schema } from './client.js';
export { DbError, isConnectionError, redactUrl } from './errors.js';
export type { DbErrorCode } from './errors.js';
export * from './schema/index.js';
