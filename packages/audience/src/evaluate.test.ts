import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, BitmapIndex, conservativeAge } from './bitmap-index.js';
import { AudienceError } from './errors.js';
import { breakdownCounts, countSpec, evaluateSpec, overlapCounts } from './evaluate.js';
import { canonicalizeSpec } from './spec.js';
import {
  bruteEligible,
  bruteHas,
  bruteMatches,
  buildTestIndex,
  populationArb,
  populationChunk,
  specInputArb,
  TEST_INTERESTS,
  TEST_NOW,
  type TestUser,
  testCatalog,
} from './testing/population.js';

const opts = { catalog: testCatalog, at: TEST_NOW };
const keepRecent = (seen: Record<string, number>) =>
  Object.fromEntries(Object.entries(seen).filter(([, ago]) => ago < 90));

describe('evaluation on the bitmap index', () => {
  it('every count, breakdown cell and overlap equals a brute-force count', () => {
    fc.assert(
      fc.property(
        populationArb(80),
        fc.array(specInputArb, { minLength: 1, maxLength: 5 }),
        (users, inputs) => {
          const snap = buildTestIndex(users).snapshot!;
          expect(snap.users).toBe(users.filter(bruteEligible).length);
          for (const input of inputs) {
            let spec: ReturnType<typeof canonicalizeSpec>;
            try {
              spec = canonicalizeSpec(input, {}, opts);
            } catch (e) {
              if (e instanceof AudienceError) continue;
              throw e;
            }
            const matched = users.filter((u) => bruteMatches(u, spec));
            const finalSet = evaluateSpec(snap, spec);
            expect(finalSet.size).toBe(matched.length);
            expect(countSpec(snap, spec)).toBe(matched.length);
            for (const cell of breakdownCounts(snap, spec, finalSet, 'COUNTRY')) {
              expect(cell.count).toBe(matched.filter((u) => u.country === cell.key).length);
            }
            for (const cell of breakdownCounts(snap, spec, finalSet, 'AGE_BAND')) {
              const band = AGE_BANDS.find((b) => b.band === cell.key)!;
              const inBand = (u: TestUser) => {
                const a = Math.min(65, conservativeAge(u.birthYear, TEST_NOW));
                return a >= band.min && a <= band.max;
              };
              expect(cell.count).toBe(matched.filter(inBand).length);
            }
            for (const [id, n] of overlapCounts(snap, finalSet, spec.recencyDays)) {
              expect(n).toBe(matched.filter((u) => bruteHas(u, id, spec.recencyDays)).length);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never counts minors, opted-out users or excluded countries', () => {
    const users: TestUser[] = [
      { userId: 'minor', country: 'US', birthYear: 2008, optedOut: false, seen: { i1: 1 } },
      { userId: 'out', country: 'US', birthYear: 1980, optedOut: true, seen: { i1: 1 } },
      { userId: 'eu', country: 'DE', birthYear: 1980, optedOut: false, seen: { i1: 1 } },
      { userId: 'ok', country: 'US', birthYear: 1980, optedOut: false, seen: { i1: 1 } },
    ];
    const snap = buildTestIndex(users).snapshot!;
    expect(countSpec(snap, canonicalizeSpec({ include: [['i1']] }, {}, opts))).toBe(1);
  });

  it('erasures and opt-outs are absent from the next snapshot; the old snapshot is undisturbed', () => {
    const users: TestUser[] = TEST_INTERESTS.map((id, i) => ({
      userId: `u${i}`,
      country: 'US',
      birthYear: 1980,
      optedOut: false,
      seen: { i1: 2, [id]: 3 },
    }));
    const index = buildTestIndex(users);
    const before = index.snapshot!;
    const spec = canonicalizeSpec({ include: [['i1']] }, {}, opts);
    expect(countSpec(before, spec)).toBe(users.length);
    index.applyChunk({
      erased: ['u0'],
      profiles: [{ userId: 'u1', country: 'US', birthYear: 1980, optedOut: true }],
    });
    const after = index.buildSnapshot(TEST_NOW);
    expect(after.id).not.toBe(before.id);
    expect(countSpec(after, spec)).toBe(users.length - 2);
    expect(countSpec(before, spec)).toBe(users.length);
    // An erased user that comes back is a new person with no history.
    index.applyChunk({ profiles: [{ userId: 'u0', country: 'US', birthYear: 1980, optedOut: false }] });
    expect(countSpec(index.buildSnapshot(TEST_NOW), spec)).toBe(users.length - 2);
  });

  it('changes the snapshot id only when data changed (replays are no-ops)', () => {
    const users: TestUser[] = [
      { userId: 'a', country: 'US', birthYear: 1980, optedOut: false, seen: { i1: 2 } },
    ];
    const index = buildTestIndex(users);
    const s1 = index.snapshot!;
    index.applyChunk(populationChunk(users));
    expect(index.buildSnapshot(TEST_NOW)).toBe(s1);
    index.applyChunk({ signals: [{ userId: 'a', interestId: 'i2', lastDay: '2025-06-29' }] });
    const s2 = index.buildSnapshot(TEST_NOW);
    expect(s2.id).not.toBe(s1.id);
    expect(s2.interests.get('i1')).toBe(s1.interests.get('i1')); // copy-on-write: untouched interest shared
    const nextDay = index.buildSnapshot(new Date(TEST_NOW.getTime() + 86_400_000));
    expect(nextDay.id).not.toBe(s2.id);
  });

  it('moves users out of recency windows as days pass and drops data after 90 days', () => {
    const index = new BitmapIndex({ catalog: testCatalog });
    index.applyChunk(
      populationChunk([{ userId: 'a', country: 'US', birthYear: 1980, optedOut: false, seen: { i1: 0 } }]),
    );
    const spec = (recencyDays: number) => canonicalizeSpec({ include: [['i1']], recencyDays }, {}, opts);
    const at = (days: number) => index.buildSnapshot(new Date(TEST_NOW.getTime() + days * 86_400_000));
    expect([7, 30, 90].map((w) => countSpec(at(0), spec(w)))).toEqual([1, 1, 1]);
    expect([7, 30, 90].map((w) => countSpec(at(7), spec(w)))).toEqual([0, 1, 1]);
    expect([7, 30, 90].map((w) => countSpec(at(30), spec(w)))).toEqual([0, 0, 1]);
    expect([7, 30, 90].map((w) => countSpec(at(90), spec(w)))).toEqual([0, 0, 0]);
  });

  it('a later signal for the same interest keeps the user in the window', () => {
    const index = new BitmapIndex({ catalog: testCatalog });
    index.applyChunk(
      populationChunk([{ userId: 'a', country: 'US', birthYear: 1980, optedOut: false, seen: { i1: 40 } }]),
    );
    index.applyChunk({ signals: [{ userId: 'a', interestId: 'i1', lastDay: '2025-06-29' }] });
    const snap = index.buildSnapshot(TEST_NOW);
    expect(countSpec(snap, canonicalizeSpec({ include: [['i1']], recencyDays: 7 }, {}, opts))).toBe(1);
  });

  it('bulk signal loading (grouped addMany) equals one-by-one loading; replaying it is a no-op', () => {
    fc.assert(
      fc.property(populationArb(120), (users) => {
        // Within retention: a signal older than 90 days is dropped at each snapshot, so replaying
        // one re-creates its bucket (a new snapshot with the same counts), on either path.
        const chunk = populationChunk(users.map((u) => ({ ...u, seen: keepRecent(u.seen) })));
        const signals = [...(chunk.signals ?? [])];
        while (signals.length > 0 && signals.length < 300) signals.push(...signals); // force the bulk path
        const bulk = new BitmapIndex({ catalog: testCatalog });
        bulk.applyChunk({ ...chunk, signals });
        const one = new BitmapIndex({ catalog: testCatalog });
        one.applyChunk({ profiles: chunk.profiles ?? [] });
        for (const s of chunk.signals ?? []) one.applyChunk({ signals: [s] });
        const a = bulk.buildSnapshot(TEST_NOW);
        const b = one.buildSnapshot(TEST_NOW);
        expect([...a.interests.keys()].sort()).toEqual([...b.interests.keys()].sort());
        for (const [id, w] of a.interests) {
          for (const d of [7, 30, 90] as const) expect(w[d].isEqual(b.interests.get(id)![d])).toBe(true);
        }
        bulk.applyChunk({ ...chunk, signals });
        expect(bulk.buildSnapshot(TEST_NOW)).toBe(a);
      }),
      { numRuns: 60 },
    );
  });
});
