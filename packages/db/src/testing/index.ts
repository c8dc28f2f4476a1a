import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle, migrate } from '../client.js';

/**
 * A migrated, empty database for one test file: in-memory PGlite by default, or a fresh
 * database on the Postgres server named by `DATABASE_URL` (dropped again on close).
 * Test infrastructure is the one place outside a config module that reads the environment,
 * because the choice of backend is the test run's, not the code's.
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await createDb({ dataDir: 'memory://' });
    await migrate(handle);
    return handle;
  }
  const name = `parlance_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 5 });
  await migrate(handle);
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Which backend the test run uses, for test names. */
export function testDbKind(): 'postgres' | 'pglite' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}
