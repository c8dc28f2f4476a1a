import { type DbHandle, privacyBudgetLedger } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { and, eq, like, notLike, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../modules/admin/admin.service.js';
import { LedgerBudgetStore, RESERVATION_PREFIX } from './budget-store.js';

const EPSILON = 0.1;
const LIMIT = 1; // ten answers
const WINDOW = new Date('2026-01-05T00:00:00.000Z');
/** Nothing is written behind by itself during a test: only flush/close write. */
const QUIET = { flushIntervalMs: 3_600_000, idleWindowMs: 3_600_000 };

let handle: DbHandle;
let orgSeq = 0;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle.close();
});

async function newOrg(): Promise<string> {
  const org = await createOrganization(handle.db, { name: 'Budget', slug: `budget-${++orgSeq}` });
  return org.id;
}

async function ledger(orgId: string) {
  const forOrg = and(
    eq(privacyBudgetLedger.organizationId, orgId),
    eq(privacyBudgetLedger.windowStart, WINDOW),
  );
  const answers = await handle.db
    .select({ key: privacyBudgetLedger.answerKey, epsilon: privacyBudgetLedger.epsilon })
    .from(privacyBudgetLedger)
    .where(and(forOrg, notLike(privacyBudgetLedger.answerKey, `${RESERVATION_PREFIX}%`)));
  const reservations = await handle.db
    .select({ epsilon: privacyBudgetLedger.epsilon })
    .from(privacyBudgetLedger)
    .where(and(forOrg, like(privacyBudgetLedger.answerKey, `${RESERVATION_PREFIX}%`)));
  const [total] = await handle.db
    .select({ sum: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8` })
    .from(privacyBudgetLedger)
    .where(forOrg);
  return { answers, reservations, total: Number(total?.sum ?? 0) };
}

const spend = (store: LedgerBudgetStore, orgId: string, key: string) =>
  store.spend(orgId, WINDOW, key, EPSILON, LIMIT);

describe(`LedgerBudgetStore (${testDbKind()})`, () => {
  it('never exceeds the budget under concurrent distinct answers; repeats are free', async () => {
    const orgId = await newOrg();
    const store = new LedgerBudgetStore(handle, QUIET);
    const keys = Array.from({ length: 30 }, (_, i) => `estimate:${i}`);
    const results = await Promise.all(keys.flatMap((k) => [spend(store, orgId, k), spend(store, orgId, k)]));
    const charged = results.filter((r) => r.charged).length;
    expect(charged).toBe(10);
    expect(results.filter((r) => r.exhausted).length).toBe(40); // 20 refused keys, asked twice
    expect(await store.remaining(orgId, WINDOW, LIMIT)).toBeCloseTo(0, 9);
    // Every charged key is free when asked again; a new one is refused.
    const chargedKeys = keys.filter((_, i) => results[2 * i]?.charged || results[2 * i + 1]?.charged);
    for (const k of chargedKeys) {
      expect(await spend(store, orgId, k)).toMatchObject({ charged: false, exhausted: false });
    }
    expect(await spend(store, orgId, 'estimate:new')).toMatchObject({ charged: false, exhausted: true });
    await store.close();
    const after = await ledger(orgId);
    expect(after.answers.map((a) => a.key).sort()).toEqual(chargedKeys.sort());
    expect(after.reservations).toEqual([]);
    expect(after.total).toBeCloseTo(LIMIT, 9);
  });

  it('keeps two processes sharing a ledger under the limit together', async () => {
    const orgId = await newOrg();
    const a = new LedgerBudgetStore(handle, QUIET);
    const b = new LedgerBudgetStore(handle, QUIET);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => spend(i % 2 ? a : b, orgId, `estimate:${i}`)),
    );
    const charged = results.filter((r) => r.charged).length;
    expect(charged).toBeGreaterThan(0);
    expect(charged).toBeLessThanOrEqual(10);
    const during = await ledger(orgId);
    expect(during.total).toBeLessThanOrEqual(LIMIT + 1e-9);
    expect(during.total).toBeGreaterThanOrEqual(charged * EPSILON - 1e-9); // covered before answered
    await Promise.all([a.close(), b.close()]);
    const after = await ledger(orgId);
    expect(after.answers).toHaveLength(charged);
    expect(after.total).toBeCloseTo(charged * EPSILON, 9);
  });

  it('writes behind: close persists every answer row and releases unused ε; a restart reloads', async () => {
    const orgId = await newOrg();
    const first = new LedgerBudgetStore(handle, QUIET);
    for (const k of ['estimate:a', 'estimate:b', 'estimate:c']) {
      expect(await spend(first, orgId, k)).toMatchObject({ charged: true });
    }
    expect(first.pendingRows).toBe(3);
    const before = await ledger(orgId);
    expect(before.answers).toHaveLength(0); // not written yet …
    expect(before.total).toBeGreaterThanOrEqual(0.3 - 1e-9); // … but covered by the reservation
    await first.close();
    // A late request after close() fails rather than be answered with an unrecorded charge.
    await expect(spend(first, orgId, 'estimate:late')).rejects.toThrow('closed');
    const after = await ledger(orgId);
    expect(after.answers).toHaveLength(3);
    expect(after.reservations).toEqual([]);
    expect(after.total).toBeCloseTo(0.3, 9);

    const restarted = new LedgerBudgetStore(handle, QUIET);
    expect(await restarted.remaining(orgId, WINDOW, LIMIT)).toBeCloseTo(LIMIT - 0.3, 9);
    expect(await spend(restarted, orgId, 'estimate:b')).toMatchObject({ charged: false, exhausted: false });
    expect(await spend(restarted, orgId, 'estimate:d')).toMatchObject({ charged: true });
    await restarted.close();
    expect((await ledger(orgId)).total).toBeCloseTo(0.4, 9);
  });

  it('after a crash over-charges (the open reservation), never under-charges', async () => {
    const orgId = await newOrg();
    const crashed = new LedgerBudgetStore(handle, { ...QUIET, reserveEpsilon: 0.5 });
    for (const k of ['estimate:a', 'estimate:b', 'estimate:c']) await spend(crashed, orgId, k);
    // No close(): the process "dies" with three answer rows unwritten.
    const restarted = new LedgerBudgetStore(handle, QUIET);
    // The whole open reservation stays spent (0.5 ≥ the 0.3 answered).
    expect(await restarted.remaining(orgId, WINDOW, LIMIT)).toBeCloseTo(LIMIT - 0.5, 9);
    // The lost answers are charged again if repeated: more spent, never less.
    expect(await spend(restarted, orgId, 'estimate:a')).toMatchObject({ charged: true });
    await restarted.close();
    await expect(crashed.spend(orgId, WINDOW, 'estimate:late', EPSILON, LIMIT)).resolves.toMatchObject({
      charged: true, // the "dead" process was never closed: it still spends from its reservation
    });
    const after = await ledger(orgId);
    expect(after.total).toBeCloseTo(0.6, 9);
    expect(after.total).toBeLessThanOrEqual(LIMIT);
  });

  it('surfaces a failed write (onError, failing), keeps the rows and retries', async () => {
    const orgId = await newOrg();
    let failures = 1;
    const flaky: DbHandle = {
      ...handle,
      execute: (query) =>
        failures-- > 0 ? Promise.reject(new Error('connection lost')) : handle.execute(query),
    };
    const errors: unknown[] = [];
    const store = new LedgerBudgetStore(flaky, { ...QUIET, onError: (e) => errors.push(e) });
    await spend(store, orgId, 'estimate:a');
    await expect(store.flush()).rejects.toThrow('connection lost');
    expect(store.pendingRows).toBe(1);
    await store.flush();
    expect(store.failing).toBe(false);
    expect((await ledger(orgId)).answers).toHaveLength(1);
    await store.close();

    // In the background: reported through onError and `failing` until a write succeeds.
    failures = 1;
    const background = new LedgerBudgetStore(flaky, {
      flushIntervalMs: 1,
      idleWindowMs: 3_600_000,
      onError: (e) => errors.push(e),
    });
    await spend(background, orgId, 'estimate:b');
    await expect.poll(() => background.failing).toBe(true);
    expect(errors).toHaveLength(1);
    await expect.poll(() => background.pendingRows, { timeout: 5_000 }).toBe(0);
    expect(background.failing).toBe(false);
    await background.close();
    expect((await ledger(orgId)).answers).toHaveLength(2);
  });
});
