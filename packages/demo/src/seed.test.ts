import type { DbHandle } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { pseudonymize } from '@parlance/signals';
import { isExcludedCountry } from '@parlance/taxonomy';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoUser, generateUsers } from './generate.js';
import { type SeedSummary, seedPopulation } from './seed.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const KEY = 'demo-test-pseudonym-key-0123456789abcdef';
const OPTIONS = { seed: 'it', users: 2000, now: NOW };

/** Rows of a drizzle `execute` result: an array on postgres.js, `{ rows }` on PGlite. */
function rowsOf<Row>(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []);
}

describe(`seedPopulation through the real pipeline (${testDbKind()})`, () => {
  let handle: DbHandle;
  let summary: SeedSummary;
  const users: DemoUser[] = [...generateUsers(OPTIONS)];
  const signalUsers = new Set<string>();

  beforeAll(async () => {
    handle = await createTestDb();
    summary = await seedPopulation({ db: handle, pseudonymKey: KEY, ...OPTIONS, batchSize: 2000 });
    const rows = rowsOf<{ user_id: string }>(
      await handle.db.execute(sql`select distinct user_id from interest_signals`),
    );
    for (const row of rows) signalUsers.add(row.user_id);
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
  });

  it('ingests every event and writes signals for a good share of users', () => {
    const events = users.reduce((n, u) => n + u.events.length, 0);
    expect(summary.users).toBe(2000);
    expect(summary.lines).toBe(events);
    expect(summary.errors).toEqual([]);
    expect(summary.rejected.SENSITIVE).toBeGreaterThan(0);
    expect(summary.rejected.EXCLUDED_REGION).toBeGreaterThan(0);
    expect(summary.rejected.UNDER_AGE).toBeGreaterThan(0);
    expect(summary.rejected.OPTED_OUT).toBeGreaterThan(0);
    expect(summary.rejected.EXPIRED).toBeGreaterThan(0);
    expect(summary.signalsWritten).toBeGreaterThan(2000);
    expect(signalUsers.size).toBeGreaterThan(0.4 * users.length);
  });

  it('leaves excluded-region, minor and opted-out users without a single signal', () => {
    let checked = 0;
    for (const user of users) {
      const minor = NOW.getUTCFullYear() - user.birthYear - 1 < 18;
      const blocked =
        isExcludedCountry(user.country, NOW) || minor || user.optedOut || user.optedOutLaterAt !== null;
      if (!blocked) continue;
      checked++;
      expect(signalUsers.has(pseudonymize(KEY, user.userId)), `${user.userId} (${user.country})`).toBe(false);
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('stores no raw chat text and no platform user id anywhere in the database', async () => {
    const tables = rowsOf<{ table_name: string }>(
      await handle.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    );
    let dump = '';
    for (const { table_name } of tables) {
      const rows = rowsOf<{ row: string }>(
        await handle.db.execute(sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t`),
      );
      for (const { row } of rows) dump += `${row}\n`;
    }
    expect(dump.length).toBeGreaterThan(10_000);
    const texts = users
      .flatMap((u) => u.events)
      .flatMap((e) => (e.type === 'chat' ? [e.text] : []))
      .filter((t) => t.length >= 24);
    for (const text of texts.slice(0, 1500)) expect(dump.includes(text), text).toBe(false);
    for (const user of users.slice(0, 200)) expect(dump.includes(user.userId)).toBe(false);
  });

  it('is idempotent: seeding the same population again adds nothing', async () => {
    const total = async () =>
      rowsOf<{ n: number }>(
        await handle.db.execute(sql`select sum(count)::int as n from interest_signals`),
      )[0]?.n;
    const before = await total();
    const again = await seedPopulation({
      db: handle,
      pseudonymKey: KEY,
      ...OPTIONS,
      users: 200,
      batchSize: 2000,
    });
    const after = await total();
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBeGreaterThan(0);
    expect(after).toBe(before);
  });
});
