import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './client.js';
import { DbError, isConnectionError } from './errors.js';
import { organizations, profiles } from './schema/index.js';
import { createTestDb, testDbKind } from './testing/index.js';

describe(`database client (${testDbKind()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('round-trips rows through the drizzle schema', async () => {
    const [org] = await handle.db.insert(organizations).values({ name: 'Acme', slug: 'acme' }).returning();
    expect(org?.slug).toBe('acme');
    await handle.db.insert(profiles).values({
      userId: 'u1',
      country: 'US',
      birthYear: 1990,
      profileAt: new Date('2026-01-01T00:00:00Z'),
    });
    const rows = await handle.execute<{ n: number }>(sql`select count(*)::int as n from profiles`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('execute() accepts raw strings and returns rows on both drivers', async () => {
    const rows = await handle.execute<{ one: number }>('select 1::int as one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});

describe('connection errors', () => {
  it('rejects a non-postgres URL with a message naming DATABASE_URL', async () => {
    await expect(createDb({ databaseUrl: 'mysql://localhost/x' })).rejects.toMatchObject({
      code: 'DB_BAD_URL',
      message: expect.stringContaining('DATABASE_URL'),
    });
    await expect(createDb({ databaseUrl: 'not a url' })).rejects.toBeInstanceOf(DbError);
  });

  it('reports an unreachable server without leaking the password', async () => {
    const error = await createDb({
      databaseUrl: 'postgres://bob:hunter2@127.0.0.1:1/nope',
      connectTimeoutSeconds: 2,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect((error as DbError).code).toBe('DB_UNREACHABLE');
    expect((error as DbError).message).toContain('127.0.0.1:1');
    expect((error as DbError).message).not.toContain('hunter2');
    expect(isConnectionError(error)).toBe(true);
  });
});
