import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitmapIndex, epochDay, type IndexSnapshot } from './bitmap-index.js';
import type { AudienceChunk, AudienceSignal } from './loader.js';
import {
  TEST_COUNTRIES,
  TEST_EXCLUDED,
  TEST_INTERESTS,
  TEST_NOW,
  testCatalog,
} from './testing/population.js';

const DAY = 86_400_000;
const ymd = (daysAgo: number): string =>
  new Date(TEST_NOW.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
const USERS = Array.from({ length: 12 }, (_, i) => `user-${i}`);

/** One step of a load: a chunk (maybe a replay of an earlier one), a reader, or a snapshot. */
type Step =
  | { kind: 'chunk'; chunk: AudienceChunk }
  | { kind: 'replay'; back: number }
  | { kind: 'hasChanges'; dayOffset: number }
  | { kind: 'memory' }
  | { kind: 'snapshot'; dayOffset: number };

const signalArb: fc.Arbitrary<AudienceSignal> = fc.record({
  userId: fc.constantFrom(...USERS),
  interestId: fc.constantFrom(...TEST_INTERESTS),
  // Mostly inside the 90-day retention; some older (dropped at each snapshot), some in the
  // future (clock skew) and a few that are not dates at all.
  lastDay: fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 0, max: 89 }).map(ymd) },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 400 }).map(ymd) },
    { weight: 1, arbitrary: fc.constantFrom('not-a-day', '2025-13-45', '') },
  ),
});

const rarely = <T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant<T[]>([]) }, { weight: 1, arbitrary: arb });

const chunkArb: fc.Arbitrary<AudienceChunk> = fc
  .record({
    // Most chunks carry signals only, so that replays are often exact no-ops.
    profiles: rarely(
      fc.array(
        fc.record({
          userId: fc.constantFrom(...USERS),
          country: fc.constantFrom(...TEST_COUNTRIES, ...TEST_EXCLUDED),
          birthYear: fc.integer({ min: 1940, max: 2010 }),
          optedOut: fc.boolean(),
        }),
        { maxLength: 6 },
      ),
    ),
    signals: fc.array(signalArb, { maxLength: 40 }),
    byUser: fc.boolean(), // the Postgres loader's order, or any order
    erased: rarely(fc.array(fc.constantFrom(...USERS, 'never-seen'), { minLength: 1, maxLength: 2 })),
    watermark: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
  })
  .map(({ profiles, signals, byUser, erased, watermark }) => {
    const ordered = byUser
      ? [...signals].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
      : signals;
    const chunk: AudienceChunk = { profiles, signals: ordered, erased };
    if (watermark !== undefined) chunk.watermark = watermark;
    return chunk;
  });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: chunkArb.map((chunk) => ({ kind: 'chunk' as const, chunk })) },
  { weight: 5, arbitrary: fc.nat(20).map((back) => ({ kind: 'replay' as const, back })) },
  { weight: 3, arbitrary: fc.nat(1).map((dayOffset) => ({ kind: 'hasChanges' as const, dayOffset })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'memory' as const }) },
  { weight: 3, arbitrary: fc.nat(1).map((dayOffset) => ({ kind: 'snapshot' as const, dayOffset })) },
);

/** The reference: every profile, signal and erasure applied one by one, nothing buffered. */
function applyElementWise(index: BitmapIndex, chunk: AudienceChunk): void {
  for (const p of chunk.profiles ?? []) index.upsertProfile(p.userId, p.country, p.birthYear, p.optedOut);
  for (const s of chunk.signals ?? []) index.addSignal(s.userId, s.interestId, epochDay(s.lastDay));
  for (const u of chunk.erased ?? []) index.eraseUser(u);
  if (chunk.watermark !== undefined) index.watermark = chunk.watermark;
}

/** Everything a query can see of a snapshot, in a comparable form. */
function view(s: IndexSnapshot): unknown {
  const interests = [...s.interests.keys()].sort().map((id) => {
    const w = s.interests.get(id)!;
    return [id, w[7].toArray(), w[30].toArray(), w[90].toArray()];
  });
  const countries = [...s.countries.keys()].sort().map((c) => [c, s.countries.get(c)!.toArray()]);
  return { day: s.day, users: s.users, eligible: s.eligible.toArray(), countries, interests };
}

describe('BitmapIndex signal buffer', () => {
  it('buffered loading equals element-wise loading on random chunk streams with erasures and replays', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(1, 2, 5, 16, 4096, undefined),
        (steps, signalBuffer) => {
          const reference = new BitmapIndex({ catalog: testCatalog });
          const indexes = [
            reference,
            new BitmapIndex({ catalog: testCatalog, signalBuffer: 0 }), // flushed per chunk
            new BitmapIndex({
              catalog: testCatalog,
              ...(signalBuffer === undefined ? {} : { signalBuffer }),
            }),
          ];
          const applied: AudienceChunk[] = [];
          const ids: (string | undefined)[] = indexes.map(() => undefined);
          for (const step of steps) {
            if (step.kind === 'chunk' || step.kind === 'replay') {
              const chunk =
                step.kind === 'chunk'
                  ? step.chunk
                  : applied[applied.length - 1 - (step.back % (applied.length || 1))];
              if (chunk === undefined) continue;
              applied.push(chunk);
              applyElementWise(reference, chunk);
              for (const index of indexes.slice(1)) index.applyChunk(chunk);
              for (const index of indexes) expect(index.knownUsers).toBe(reference.knownUsers);
            } else if (step.kind === 'hasChanges') {
              const now = new Date(TEST_NOW.getTime() + step.dayOffset * DAY);
              const expected = reference.hasChanges(now);
              for (const index of indexes) expect(index.hasChanges(now)).toBe(expected);
            } else if (step.kind === 'memory') {
              const expected = reference.memory().bucketBytes;
              for (const index of indexes) expect(index.memory().bucketBytes).toBe(expected);
            } else {
              const now = new Date(TEST_NOW.getTime() + step.dayOffset * DAY);
              const snaps = indexes.map((index) => index.buildSnapshot(now));
              // The id moves exactly when an effective change was applied (or the day moved):
              // on every loading path at the same steps.
              const moved = snaps.map((s, i) => s.id !== ids[i]);
              expect(moved.slice(1)).toEqual(indexes.slice(1).map(() => moved[0]));
              snaps.forEach((s, i) => {
                ids[i] = s.id;
              });
              const expected = view(snaps[0]!);
              for (const s of snaps.slice(1)) expect(view(s)).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps signals buffered across chunks until something reads the buckets', () => {
    const index = new BitmapIndex({ catalog: testCatalog });
    index.applyChunk({ profiles: [{ userId: 'a', country: 'US', birthYear: 1980, optedOut: false }] });
    const s1 = index.buildSnapshot(TEST_NOW);
    const chunk = { signals: [{ userId: 'a', interestId: 'i1', lastDay: ymd(1) }] };
    index.applyChunk(chunk);
    index.applyChunk(chunk); // a replay inside the buffer: one effective change, not two
    expect(index.hasChanges(TEST_NOW)).toBe(true);
    const s2 = index.buildSnapshot(TEST_NOW);
    expect(s2.id).not.toBe(s1.id);
    expect(s2.interests.get('i1')![7].toArray()).toEqual([0]);
    index.applyChunk(chunk); // a replay of flushed signals
    expect(index.hasChanges(TEST_NOW)).toBe(false);
    expect(index.buildSnapshot(TEST_NOW)).toBe(s2);
  });

  it('drops the buffered signals of a user erased before they were flushed', () => {
    const index = new BitmapIndex({ catalog: testCatalog });
    index.applyChunk({
      profiles: ['a', 'b'].map((userId) => ({ userId, country: 'US', birthYear: 1980, optedOut: false })),
    });
    index.applyChunk({
      signals: [
        { userId: 'a', interestId: 'i1', lastDay: ymd(1) },
        { userId: 'b', interestId: 'i1', lastDay: ymd(1) },
      ],
    });
    index.applyChunk({ erased: ['a'] });
    index.applyChunk({ profiles: [{ userId: 'a', country: 'US', birthYear: 1980, optedOut: false }] });
    const snap = index.buildSnapshot(TEST_NOW);
    expect(snap.users).toBe(2); // 'a' came back as a new person, without history
    expect(snap.interests.get('i1')![90].size).toBe(1);
  });

  it('flushes when the buffer is full and forgets its names past their bounds', () => {
    const index = new BitmapIndex({ catalog: testCatalog, signalBuffer: 3 });
    const reference = new BitmapIndex({ catalog: testCatalog });
    // 300 distinct day strings (past the 256 the buffer names) and 9,000 interest ids.
    const signals: AudienceSignal[] = [];
    for (let i = 0; i < 9000; i++)
      signals.push({ userId: `u${i % 50}`, interestId: `x${i}`, lastDay: ymd(i % 300) });
    index.applyChunk({ signals });
    applyElementWise(reference, { signals });
    expect(view(index.buildSnapshot(TEST_NOW))).toEqual(view(reference.buildSnapshot(TEST_NOW)));
  });

  it('rejects a signal buffer that is not a whole number ≥ 0', () => {
    expect(() => new BitmapIndex({ signalBuffer: -1 })).toThrow(RangeError);
    expect(() => new BitmapIndex({ signalBuffer: 1.5 })).toThrow(RangeError);
  });
});
