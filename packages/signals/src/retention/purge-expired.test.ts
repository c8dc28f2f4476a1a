import type { DbHandle } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalsError } from '../errors.js';
import { createIngestor } from '../ingest/ingestor.js';
import { chatLine, profileLine } from '../testing/events.js';
import { fakeClassifier } from '../testing/fake-classifier.js';
import { purgeExpired } from './purge-expired.js';

const KEY = 'purge-test-key-0123456789abcdef';
let db: DbHandle;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const days = async () =>
  (await db.execute<{ day: string }>('select day::text as day from interest_signals order by day')).map(
    (r) => r.day,
  );

describe(`purgeExpired (${testDbKind()})`, () => {
  it('deletes signals older than the window and ledger rows past it; a replay cannot bring them back', async () => {
    // Ingested on 1 March: chats from February.
    const lines = [
      profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
      chatLine('c1', 'u', '2025-02-01T10:00:00Z', 'golf'),
      chatLine('c2', 'u', '2025-02-20T10:00:00Z', 'golf'),
    ];
    await createIngestor({
      db,
      pseudonymKey: KEY,
      now: new Date('2025-03-01T00:00:00Z'),
      classifier: fakeClassifier,
    }).ingestLines(lines);
    expect(await days()).toEqual(['2025-02-01', '2025-02-20']);

    // On 15 May, with a 90-day window, the oldest day kept is 14 February.
    const may = new Date('2025-05-15T12:00:00Z');
    expect(await purgeExpired(db, { now: may })).toEqual({
      signalsDeleted: 1,
      ledgerRowsDeleted: 0,
      oldestDayKept: '2025-02-14',
    });
    expect(await days()).toEqual(['2025-02-20']);

    // On 1 August every ledger row is past the window (and margin): replaying the file adds nothing.
    const august = new Date('2025-08-01T00:00:00Z');
    expect(await purgeExpired(db, { now: august })).toEqual({
      signalsDeleted: 1,
      ledgerRowsDeleted: 3,
      oldestDayKept: '2025-05-03',
    });
    const replay = await createIngestor({
      db,
      pseudonymKey: KEY,
      now: august,
      classifier: fakeClassifier,
    }).ingestLines(lines);
    expect(replay.rejected.EXPIRED).toBe(2);
    expect(await days()).toEqual([]);
  });

  it('honours a custom window and refuses a bad one', async () => {
    expect(
      (await purgeExpired(db, { retentionDays: 7, now: new Date('2025-05-15T00:00:00Z') })).oldestDayKept,
    ).toBe('2025-05-08');
    await expect(purgeExpired(db, { retentionDays: 0 })).rejects.toBeInstanceOf(SignalsError);
  });
});
