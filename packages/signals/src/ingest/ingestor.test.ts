import type { DbHandle } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { getInterest } from '@parlance/taxonomy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignalsError } from '../errors.js';
import { pseudonymize } from '../pseudonymize.js';
import { fakeClassifier } from '../testing/fake-classifier.js';
import { chatLine, profileLine } from '../testing/events.js';
import { createIngestor, type IngestorOptions } from './ingestor.js';

const KEY = 'test-pseudonym-key-0123456789abcdef';
const NOW = new Date('2025-06-15T12:00:00Z');
const T = '2025-06-10T10:00:00Z';

let db: DbHandle;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.execute('truncate profiles, interest_signals, ingestion_ledger, user_erasures');
});

function ingestor(extra: Partial<IngestorOptions> = {}) {
  return createIngestor({ db, pseudonymKey: KEY, now: NOW, classifier: fakeClassifier, ...extra });
}

async function signals(): Promise<string[]> {
  const rows = await db.execute<{ user_id: string; interest_id: string; day: string; count: number }>(
    'select user_id, interest_id, day::text as day, count from interest_signals order by 1, 2, 3',
  );
  return rows.map((r) => `${r.user_id.slice(0, 8)} ${r.interest_id} ${r.day} ${r.count}`);
}

async function state(): Promise<unknown> {
  return {
    signals: await signals(),
    profiles: await db.execute(
      'select user_id, country, birth_year, opted_out, profile_at::text as at from profiles order by 1',
    ),
    ledger: await db.execute('select event_key, user_id, outcome from ingestion_ledger order by 1'),
  };
}

const user = (id: string) => pseudonymize(KEY, id).slice(0, 8);

describe(`ingestor (${testDbKind()})`, () => {
  it('turns chats of a known user into (user, interest, day, count) signals', async () => {
    const summary = await ingestor().ingestLines([
      profileLine('p1', 'alice', '2025-06-01T00:00:00Z'),
      chatLine('c1', 'alice', T, 'best golf clubs for beginners?'),
      chatLine('c2', 'alice', '2025-06-10T23:59:59Z', 'golf and sushi tonight'),
      chatLine('c3', 'alice', '2025-06-11T00:00:00Z', 'golf again'),
      chatLine('c4', 'alice', T, 'what is 17 times 23?'),
    ]);
    expect(summary).toMatchObject({ lines: 5, accepted: 5, duplicates: 0, signalsWritten: 3, errors: [] });
    const a = user('alice');
    expect(await signals()).toEqual([
      `${a} I-GOLF 2025-06-10 2`,
      `${a} I-GOLF 2025-06-11 1`,
      `${a} I-SUSHI 2025-06-10 1`,
    ]);
    const stored = await db.execute<{ user_id: string }>('select user_id from profiles');
    expect(stored.map((r) => r.user_id)).toEqual([pseudonymize(KEY, 'alice')]);
  });

  describe('policy gate, in order', () => {
    it('drops chats from an excluded region, by the dated policy at the event time', async () => {
      // The EU rule starts on 2018-05-25: the same French user before and after it.
      const summary = await ingestor({ now: new Date('2018-06-10T00:00:00Z') }).ingestLines([
        profileLine('p1', 'fr', '2018-05-01T00:00:00Z', { country: 'FR' }),
        chatLine('c1', 'fr', '2018-05-24T12:00:00Z', 'golf'),
        chatLine('c2', 'fr', '2018-05-25T12:00:00Z', 'golf'),
      ]);
      expect(summary.rejected.EXCLUDED_REGION).toBe(1);
      expect(await signals()).toEqual([`${user('fr')} I-GOLF 2018-05-24 1`]);
    });

    it('treats an unknown country as excluded, and excluded region wins over age and opt-out', async () => {
      const summary = await ingestor().ingestLines([
        profileLine('p1', 'x', '2025-01-01T00:00:00Z', { country: 'XX' }),
        profileLine('p2', 'kr', '2025-01-01T00:00:00Z', { country: 'KR', birthYear: 2012, optedOut: true }),
        chatLine('c1', 'x', T, 'golf'),
        chatLine('c2', 'kr', T, 'golf'),
      ]);
      expect(summary.rejected.EXCLUDED_REGION).toBe(2);
      expect(await signals()).toEqual([]);
    });

    it('drops chats of users under 18 at the event time (youngest possible age), before opt-out', async () => {
      const summary = await ingestor().ingestLines([
        // Born 2007: may still be 17 at any point of 2025, so under age; 18 for sure in 2026.
        profileLine('p1', 'teen', '2025-01-01T00:00:00Z', { birthYear: 2007, optedOut: true }),
        profileLine('p2', 'adult', '2025-01-01T00:00:00Z', { birthYear: 2006 }),
        chatLine('c1', 'teen', T, 'golf'),
        chatLine('c2', 'adult', T, 'golf'),
      ]);
      expect(summary.rejected.UNDER_AGE).toBe(1);
      expect(await signals()).toEqual([`${user('adult')} I-GOLF 2025-06-10 1`]);
    });

    it('drops chats of opted-out users', async () => {
      const summary = await ingestor().ingestLines([
        profileLine('p1', 'out', '2025-01-01T00:00:00Z', { optedOut: true }),
        chatLine('c1', 'out', T, 'golf'),
      ]);
      expect(summary.rejected.OPTED_OUT).toBe(1);
      expect(await signals()).toEqual([]);
    });

    it('drops chats before any profile as UNKNOWN_USER (holding them would mean storing text)', async () => {
      const summary = await ingestor().ingestLines([
        chatLine('c1', 'late', T, 'golf'),
        profileLine('p1', 'late', '2025-01-01T00:00:00Z'),
        chatLine('c2', 'late', T, 'golf'),
      ]);
      expect(summary.rejected.UNKNOWN_USER).toBe(1);
      expect(summary.accepted).toBe(2);
      expect(await signals()).toEqual([`${user('late')} I-GOLF 2025-06-10 1`]);
    });

    it('drops a sensitive message whole, even the interests it also touches', async () => {
      const summary = await ingestor().ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        chatLine('c1', 'u', T, 'my diagnosis means no golf this year'),
        chatLine('c2', 'u', T, 'church picnic with sushi'),
      ]);
      expect(summary.rejected.SENSITIVE).toBe(2);
      expect(summary.signalsWritten).toBe(0);
      expect(await signals()).toEqual([]);
    });

    it('drops chats older than the retention window', async () => {
      const summary = await ingestor({ retentionDays: 30 }).ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        chatLine('c1', 'u', '2025-05-01T00:00:00Z', 'golf'),
      ]);
      expect(summary.rejected.EXPIRED).toBe(1);
      expect(await signals()).toEqual([]);
    });
  });

  describe('profiles', () => {
    it('applies profiles before the chats that follow them in the same batch, and ignores older profiles', async () => {
      const summary = await ingestor({ batchSize: 1000 }).ingestLines([
        profileLine('p2', 'u', '2025-03-01T00:00:00Z', { country: 'CA' }),
        profileLine('p1', 'u', '2025-02-01T00:00:00Z', { country: 'FR' }),
        chatLine('c1', 'u', T, 'golf'),
      ]);
      expect(summary.rejected.STALE_PROFILE).toBe(1);
      expect(await db.execute('select country from profiles')).toEqual([{ country: 'CA' }]);
      expect(await signals()).toHaveLength(1);
      // An older profile in a later run is ignored too.
      await ingestor().ingestLines([profileLine('p0', 'u', '2025-01-01T00:00:00Z', { country: 'FR' })]);
      expect(await db.execute('select country from profiles')).toEqual([{ country: 'CA' }]);
    });

    it('deletes all signals of a user at once when they opt out; they count again after opting back in', async () => {
      const ing = ingestor({ batchSize: 2 });
      await ing.ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        chatLine('c1', 'u', '2025-06-01T00:00:00Z', 'golf'),
        chatLine('c2', 'u', '2025-06-02T00:00:00Z', 'sushi'),
        profileLine('pv', 'v', '2025-01-01T00:00:00Z'),
        chatLine('v1', 'v', '2025-06-02T00:00:00Z', 'hiking'),
      ]);
      expect(await signals()).toHaveLength(3);
      const summary = await ing.ingestLines([
        chatLine('c3', 'u', '2025-06-03T00:00:00Z', 'golf'),
        profileLine('p2', 'u', '2025-06-04T00:00:00Z', { optedOut: true }),
        chatLine('c4', 'u', '2025-06-05T00:00:00Z', 'golf'),
      ]);
      expect(summary.rejected.OPTED_OUT).toBe(1);
      expect(await signals()).toEqual([`${user('v')} I-HIKING 2025-06-02 1`]);
      await ing.ingestLines([
        profileLine('p3', 'u', '2025-06-06T00:00:00Z', { optedOut: false }),
        chatLine('c5', 'u', '2025-06-07T00:00:00Z', 'golf'),
      ]);
      expect(await signals()).toEqual([
        `${user('u')} I-GOLF 2025-06-07 1`,
        `${user('v')} I-HIKING 2025-06-02 1`,
      ]);
    });

    it('deletes a user’s signals when their profile moves to an excluded region', async () => {
      await ingestor().ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        chatLine('c1', 'u', T, 'golf'),
        profileLine('p2', 'u', '2025-06-11T00:00:00Z', { country: 'DE' }),
      ]);
      expect(await signals()).toEqual([]);
    });
  });

  describe('idempotency and crash safety', () => {
    const file = (() => {
      const lines: string[] = [];
      for (let u = 0; u < 20; u++) lines.push(profileLine(`p${u}`, `user${u}`, '2025-01-01T00:00:00Z'));
      const words = ['golf', 'sushi', 'hiking', 'camera golf', 'nothing here'];
      for (let i = 0; i < 300; i++) {
        lines.push(
          chatLine(
            `c${i}`,
            `user${i % 20}`,
            `2025-06-${String(1 + (i % 9)).padStart(2, '0')}T08:00:00Z`,
            words[i % 5] as string,
          ),
        );
        if (i % 37 === 0) lines.push('{not json');
      }
      return lines;
    })();

    it('gives the same state when a file is replayed, counting every event as a duplicate', async () => {
      const first = await ingestor({ batchSize: 50 }).ingestLines(file);
      const once = await state();
      const again = await ingestor({ batchSize: 64 }).ingestLines(file);
      expect(await state()).toEqual(once);
      expect(again.accepted).toBe(0);
      expect(again.duplicates).toBe(
        first.accepted + (first.lines - first.accepted - first.rejected.INVALID_JSON),
      );
      expect(again.signalsWritten).toBe(0);
    });

    it('applies each event once when two ingestors race on the same file', async () => {
      await ingestor({ batchSize: 40 }).ingestLines(file);
      const expected = await state();
      await db.execute('truncate profiles, interest_signals, ingestion_ledger, user_erasures');
      const [a, b] = await Promise.all([
        ingestor({ batchSize: 40 }).ingestLines(file),
        ingestor({ batchSize: 40 }).ingestLines(file),
      ]);
      expect(await state()).toEqual(expected);
      expect(a.accepted + b.accepted).toBe(a.duplicates + b.duplicates);
    });

    it('gives the same state with several lanes (events routed by user, order per user kept)', async () => {
      await ingestor({ batchSize: 40, concurrency: 1 }).ingestLines(file);
      const expected = await state();
      await db.execute('truncate profiles, interest_signals, ingestion_ledger, user_erasures');
      const summary = await ingestor({ batchSize: 7, concurrency: 3 }).ingestLines(file);
      expect(summary.rejected.UNKNOWN_USER).toBe(0);
      expect(await state()).toEqual(expected);
    });

    it('treats a repeated event id inside one batch as a duplicate', async () => {
      const summary = await ingestor().ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        chatLine('c1', 'u', T, 'golf'),
        chatLine('c1', 'u', T, 'golf'),
      ]);
      expect(summary.duplicates).toBe(1);
      expect(await signals()).toEqual([`${user('u')} I-GOLF 2025-06-10 1`]);
    });

    it('resumes after a failure mid-file with no double counts', async () => {
      await ingestor({ batchSize: 40 }).ingestLines(file);
      const expected = await state();
      await db.execute('truncate profiles, interest_signals, ingestion_ledger, user_erasures');

      let calls = 0;
      const crashing = ingestor({
        batchSize: 40,
        classifier: (text) => {
          if (++calls === 150) throw new Error(`boom on ${text}`);
          return fakeClassifier(text);
        },
      });
      const error = await crashing.ingestLines(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignalsError);
      expect((error as SignalsError).code).toBe('CLASSIFIER_FAILED');
      expect((error as SignalsError).message).not.toContain('boom');
      const partial = (await signals()).length;
      expect(partial).toBeGreaterThan(0);

      const rerun = await ingestor({ batchSize: 40 }).ingestLines(file);
      expect(rerun.duplicates).toBeGreaterThan(0);
      expect(await state()).toEqual(expected);
    });

    it('reports a database that goes away with a typed error, and a rerun resumes', async () => {
      await ingestor({ batchSize: 40 }).ingestLines(file);
      const expected = await state();
      await db.execute('truncate profiles, interest_signals, ingestion_ledger, user_erasures');

      // A handle whose connection drops at the third transaction, as a driver reports it.
      let transactions = 0;
      const flaky: DbHandle = {
        ...db,
        db: new Proxy(db.db, {
          get(target, prop, receiver) {
            if (prop === 'transaction') {
              return (...args: Parameters<typeof target.transaction>) => {
                if (++transactions === 3) {
                  return Promise.reject(
                    Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432 secret-driver-detail'), {
                      code: 'CONNECTION_CLOSED',
                    }),
                  );
                }
                return target.transaction(...args);
              };
            }
            return Reflect.get(target, prop, receiver);
          },
        }),
      };
      const error = await createIngestor({
        db: flaky,
        pseudonymKey: KEY,
        now: NOW,
        classifier: fakeClassifier,
        batchSize: 40,
      })
        .ingestLines(file)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignalsError);
      expect((error as SignalsError).code).toBe('DB_UNAVAILABLE');
      expect((error as SignalsError).message).not.toContain('secret-driver-detail');

      await ingestor({ batchSize: 40 }).ingestLines(file);
      expect(await state()).toEqual(expected);
    });
  });

  describe('bad lines', () => {
    it('reports each bad line with its number and reason, and still lands the good ones', async () => {
      const summary = await ingestor().ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        '{"type":"chat","eventId":"x"',
        JSON.stringify({ type: 'chat', eventId: 'c9', userId: 'u', occurredAt: T, surface: 'app' }),
        chatLine('c2', 'u', '2025-02-30T10:00:00Z', 'golf'),
        chatLine('c3', 'u', 'yesterday', 'golf'),
        JSON.stringify({ type: 'vote', eventId: 'v', userId: 'u', occurredAt: T }),
        `{"type":"chat","eventId":"big","userId":"u","occurredAt":"${T}","surface":"app","text":"${'golf '.repeat(8000)}"}`,
        '[1,2]',
        '',
        chatLine('c1', 'u', T, 'golf'),
      ]);
      expect(summary.errors).toEqual([
        { line: 2, reason: 'INVALID_JSON' },
        { line: 3, reason: 'MISSING_FIELD', field: 'text' },
        { line: 4, reason: 'BAD_DATE', field: 'occurredAt' },
        { line: 5, reason: 'BAD_DATE', field: 'occurredAt' },
        { line: 6, reason: 'UNKNOWN_TYPE' },
        { line: 7, reason: 'LINE_TOO_LONG' },
        { line: 8, reason: 'NOT_AN_OBJECT' },
      ]);
      expect(summary).toMatchObject({ lines: 10, accepted: 2 });
      expect(await signals()).toEqual([`${user('u')} I-GOLF 2025-06-10 1`]);
    });
  });

  it('refuses events for erased users', async () => {
    await db.execute(`insert into user_erasures (user_id) values ('${pseudonymize(KEY, 'gone')}')`);
    const summary = await ingestor().ingestLines([
      profileLine('p1', 'gone', '2025-01-01T00:00:00Z'),
      chatLine('c1', 'gone', T, 'golf'),
    ]);
    expect(summary.rejected.ERASED_USER).toBe(2);
    expect(await db.execute('select * from profiles')).toEqual([]);
  });

  it('never writes chat text or platform ids anywhere: a canary is absent from every table and the summary', async () => {
    const canary = 'zebra-canary-7f3a golf';
    const platformId = 'platform-user-canary-91c2';
    const lines = [
      profileLine('p1', platformId, '2025-01-01T00:00:00Z'),
      chatLine('c1', platformId, T, canary),
      chatLine('c2', platformId, T, `${canary} diagnosis`),
      chatLine('c3', platformId, 'not a date', canary),
      `{"type":"chat","text":"${canary}"`,
      chatLine('c4', 'unknown-user', T, canary),
    ];
    const progress: unknown[] = [];
    const summary = await ingestor({ batchSize: 2, onProgress: (p) => progress.push(p) }).ingestLines(lines);
    expect(summary.accepted).toBe(2);
    const tables = await db.execute<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    expect(tables.length).toBeGreaterThan(3);
    let dump = '';
    for (const { table_name } of tables)
      dump += JSON.stringify(await db.execute(`select * from "${table_name}"`));
    dump += JSON.stringify(summary) + JSON.stringify(progress);
    expect(dump).toContain(pseudonymize(KEY, platformId));
    for (const secret of ['zebra-canary', 'canary-7f3a', platformId]) expect(dump).not.toContain(secret);
  });

  describe('with the package classifier', () => {
    const real = () => createIngestor({ db, pseudonymKey: KEY, now: NOW });

    it('turns an interest message into a signal and drops a sensitive one whole; no canary anywhere', async () => {
      const canary = 'okapi-canary-3b9e';
      const summary = await real().ingestLines([
        profileLine('p1', 'u', '2025-01-01T00:00:00Z'),
        chatLine('c1', 'u', T, `${canary} which golf clubs should I buy as a beginner golfer?`),
        chatLine('c2', 'u', T, `${canary} my doctor changed my insulin dose for diabetes, any golf tips`),
        chatLine('c3', 'u', T, 'what is 17 times 23?'),
      ]);
      expect(summary).toMatchObject({ accepted: 3, signalsWritten: 1 });
      expect(summary.rejected.SENSITIVE).toBe(1);
      const rows = await db.execute<{ interest_id: string }>('select interest_id from interest_signals');
      expect(rows.map((r) => getInterest(r.interest_id)?.name)).toEqual(['Golf']);
      let dump = JSON.stringify(summary);
      for (const table of ['profiles', 'interest_signals', 'ingestion_ledger', 'user_erasures']) {
        dump += JSON.stringify(await db.execute(`select * from ${table}`));
      }
      expect(dump).not.toContain(canary);
    });
  });
});
