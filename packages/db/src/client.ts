import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { DbError, redactUrl } from './errors.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The drizzle database, the same type on PGlite and on Postgres. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbOptions {
  /** A `postgres://` URL: use a real Postgres through postgres.js. */
  databaseUrl?: string | undefined;
  /** Without a URL: a PGlite data directory, or `memory://` for an in-memory database. */
  dataDir?: string | undefined;
  /** Pool size for Postgres (default 10). */
  maxConnections?: number | undefined;
  /** Seconds to wait for the first connection (default 5). */
  connectTimeoutSeconds?: number | undefined;
}

export interface DbHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, safe to print (passwords redacted). */
  readonly location: string;
  /** Runs raw SQL and returns its rows, the same shape on both drivers. */
  execute<Row = Record<string, unknown>>(query: SQL | string): Promise<Row[]>;
  /** Resolves when the database answers `select 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Opens the database: real Postgres when `databaseUrl` is set, otherwise embedded PGlite.
 * Checks the connection before returning, so a bad URL fails here with a clear `DbError`.
 */
export async function createDb(options: DbOptions = {}): Promise<DbHandle> {
  const handle = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options)
    : await openPglite(options);
  try {
    await handle.ping();
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw new DbError(
      'DB_UNREACHABLE',
      `Could not reach the database at ${handle.location}: ${describeCause(error)}. Check DATABASE_URL and that the server is running.`,
      { cause: error },
    );
  }
  return handle;
}

/** Applies every committed migration that has not run yet. Safe to call at every start. */
export async function migrate(handle: DbHandle): Promise<void> {
  try {
    if (handle.kind === 'pglite') {
      await migratePglite(handle.db as unknown as Parameters<typeof migratePglite>[0], {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    } else {
      await migratePostgres(handle.db as unknown as Parameters<typeof migratePostgres>[0], {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    }
  } catch (error) {
    throw new DbError('DB_MIGRATION_FAILED', `Database migration failed: ${describeCause(error)}`, {
      cause: error,
    });
  }
}

async function openPostgres(url: string, options: DbOptions): Promise<DbHandle> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new DbError(
      'DB_BAD_URL',
      'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database).',
      {
        cause: error,
      },
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DbError(
      'DB_BAD_URL',
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//).`,
    );
  }
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    onnotice: () => undefined,
    // Dates stay strings ('YYYY-MM-DD') so that day arithmetic never shifts with the time zone.
    types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
  });
  const db = drizzlePostgres(client, { schema, casing: 'snake_case' });
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    location: redactUrl(url),
    async execute<Row>(query: SQL | string) {
      const result = typeof query === 'string' ? await client.unsafe(query) : await db.execute(query);
      return [...(result as unknown as Row[])];
    },
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(options: DbOptions): Promise<DbHandle> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    throw new DbError(
      'DB_UNREACHABLE',
      `Could not open the embedded database in ${dataDir}: ${describeCause(error)}. Is another Parlance process using it?`,
      { cause: error },
    );
  }
  const db = drizzlePglite(client, { schema, casing: 'snake_case' });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    location: dataDir.startsWith('memory://')
      ? 'embedded PGlite (in memory)'
      : `embedded PGlite at ${dataDir}`,
    async execute<Row>(query: SQL | string) {
      if (typeof query === 'string') {
        const results = await client.exec(query);
        return (results.at(-1)?.rows ?? []) as Row[];
      }
      const result = await db.execute(query);
      return result.rows as Row[];
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

function describeCause(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeCause(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message.split('\n')[0] ?? '';
    return typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message;
  }
  return String(error);
}
