import type { DbHandle } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestor } from '../ingest/ingestor.js';
import { pseudonymize } from '../pseudonymize.js';
import { chatLine, profileLine } from '../testing/events.js';
import { fakeClassifier } from '../testing/fake-classifier.js';
import { eraseUser } from './erase-user.js';

const KEY = 'erase-test-key-0123456789abcdef';
const NOW = new Date('2025-06-15T12:00:00Z');
let db: DbHandle;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const count = async (table: string, userId: string) =>
  Number(
    (
      await db.execute<{ n: number }>(`select count(*)::int as n from ${table} where user_id = '${userId}'`)
    )[0]?.n,
  );

describe(`eraseUser (${testDbKind()})`, () => {
  it('removes profile, signals and ledger rows of one user, leaves a tombstone, and refuses later events', async () => {
    const ingest = createIngestor({ db, pseudonymKey: KEY, now: NOW, classifier: fakeClassifier });
    await ingest.ingestLines([
      profileLine('p1', 'alice', '2025-01-01T00:00:00Z'),
      profileLine('p2', 'bob', '2025-01-01T00:00:00Z'),
      chatLine('c1', 'alice', '2025-06-10T00:00:00Z', 'golf and sushi'),
      chatLine('c2', 'alice', '2025-06-11T00:00:00Z', 'golf'),
      chatLine('c3', 'bob', '2025-06-11T00:00:00Z', 'golf'),
    ]);
    const alice = pseudonymize(KEY, 'alice');
    const bob = pseudonymize(KEY, 'bob');

    const result = await eraseUser(db, { platformUserId: 'alice', pseudonymKey: KEY });
    expect(result).toEqual({
      profilesDeleted: 1,
      signalsDeleted: 3,
      ledgerRowsDeleted: 3,
      alreadyErased: false,
    });
    for (const table of ['profiles', 'interest_signals', 'ingestion_ledger'])
      expect(await count(table, alice)).toBe(0);
    expect(await count('user_erasures', alice)).toBe(1);
    expect(await count('interest_signals', bob)).toBe(1);

    // Replaying alice's events, or new ones, brings nothing back.
    const replay = await ingest.ingestLines([
      profileLine('p1', 'alice', '2025-01-01T00:00:00Z'),
      chatLine('c1', 'alice', '2025-06-10T00:00:00Z', 'golf and sushi'),
      chatLine('c9', 'alice', '2025-06-12T00:00:00Z', 'golf'),
    ]);
    expect(replay.rejected.ERASED_USER).toBe(3);
    expect(await count('interest_signals', alice)).toBe(0);
    expect(await count('profiles', alice)).toBe(0);

    expect(await eraseUser(db, { platformUserId: 'alice', pseudonymKey: KEY })).toMatchObject({
      alreadyErased: true,
    });
  });

  it('never stores the platform id', async () => {
    await eraseUser(db, { platformUserId: 'platform-only-id-55', pseudonymKey: KEY });
    expect(JSON.stringify(await db.execute('select * from user_erasures'))).not.toContain(
      'platform-only-id-55',
    );
  });
});
