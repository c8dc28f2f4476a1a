import { auditLog, type Database, type DbHandle } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../admin/admin.service.js';
import { type AuditRow, AuditWriter } from './audit.service.js';

let handle: DbHandle;
let orgId: string;

beforeAll(async () => {
  handle = await createTestDb();
  orgId = (await createOrganization(handle.db, { name: 'Audit', slug: 'audit-writer' })).id;
});
afterAll(async () => {
  await handle.close();
});

const row = (requestId: string): AuditRow => ({
  organizationId: orgId,
  actorType: 'API_KEY',
  actorId: 'key-1',
  action: 'ESTIMATE',
  specHash: 'abc',
  epsilonSpent: 0.1,
  outcome: 'OK',
  requestId,
  createdAt: new Date(),
});

async function countRows(prefix: string): Promise<number> {
  const [r] = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(sql`${auditLog.requestId} like ${`${prefix}%`}`);
  return Number(r?.n ?? 0);
}

/** A database whose next `failures` writes fail. */
function flaky(db: Database, state: { failures: number }): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'execute') {
        return (query: Parameters<Database['execute']>[0]) =>
          state.failures-- > 0 ? Promise.reject(new Error('connection lost')) : target.execute(query);
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

describe(`AuditWriter (${testDbKind()})`, () => {
  it('returns before the write, then writes every entry in batches; close flushes the rest', async () => {
    const writer = new AuditWriter(handle.db, { flushIntervalMs: 3_600_000 });
    await Promise.all(Array.from({ length: 2_500 }, (_, i) => writer.record(row(`batch-${i}`))));
    expect(writer.pendingRows).toBe(2_500);
    expect(await countRows('batch-')).toBe(0);
    await writer.flush();
    expect(await countRows('batch-')).toBe(2_500);
    await writer.record(row('closing-1'));
    await writer.close();
    expect(await countRows('closing-')).toBe(1);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.requestId, 'closing-1'));
    expect(entry).toMatchObject({
      actorType: 'API_KEY',
      action: 'ESTIMATE',
      epsilonSpent: 0.1,
      outcome: 'OK',
    });
  });

  it('writes behind on a timer, surfaces failures (onError, failing) and retries without losing rows', async () => {
    const state = { failures: 1 };
    const errors: unknown[] = [];
    const writer = new AuditWriter(flaky(handle.db, state), {
      flushIntervalMs: 1,
      onError: (e) => errors.push(e),
    });
    await writer.record(row('retry-1'));
    await expect.poll(() => writer.failing).toBe(true);
    expect(errors).toHaveLength(1);
    await expect.poll(() => writer.pendingRows, { timeout: 5_000 }).toBe(0);
    expect(writer.failing).toBe(false);
    expect(await countRows('retry-')).toBe(1);
    await writer.close();
  });

  it('applies back-pressure: past maxPending a request waits for the write (and sees it fail)', async () => {
    const state = { failures: 100 };
    const writer = new AuditWriter(flaky(handle.db, state), { flushIntervalMs: 3_600_000, maxPending: 2 });
    await writer.record(row('pressure-1'));
    await writer.record(row('pressure-2'));
    await expect(writer.record(row('pressure-3'))).rejects.toThrow('connection lost');
    expect(writer.pendingRows).toBe(3); // kept for the retry
    state.failures = 0;
    await writer.close();
    expect(await countRows('pressure-')).toBe(3);
  });
});
