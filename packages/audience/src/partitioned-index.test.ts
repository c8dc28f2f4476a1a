import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AudienceError } from './errors.js';
import { breakdownCounts, countSpec, evaluateSpec, interestBitmap, overlapCounts } from './evaluate.js';
import {
  breakdownPartitioned,
  countPartitioned,
  interestSizePartitioned,
  overlapPartitioned,
  PartitionedIndex,
  partitionOfUser,
} from './partitioned-index.js';
import { canonicalizeSpec } from './spec.js';
import {
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
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('partitioned index (scale-out by user-id hash)', () => {
  it('every count, breakdown cell and overlap equals the single-partition count, P ∈ {1, 2, 3, 7}', () => {
    fc.assert(
      fc.property(
        populationArb(80),
        fc.array(specInputArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(1, 2, 3, 7),
        // Split the population over several chunks, erasing some users after the fact.
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat(79), { maxLength: 5 }),
        (users, inputs, p, chunks, erase) => {
          const single = buildTestIndex([]);
          const parted = new PartitionedIndex({ partitions: p, catalog: testCatalog });
          const size = Math.ceil(users.length / chunks) || 1;
          for (let i = 0; i < users.length; i += size) {
            const chunk = populationChunk(users.slice(i, i + size));
            single.applyChunk(chunk);
            parted.applyChunk(chunk);
          }
          const erased = { erased: erase.map((i) => `user-${i}`) };
          single.applyChunk(erased);
          parted.applyChunk(erased);
          const one = single.buildSnapshot(TEST_NOW);
          const many = parted.buildSnapshot(TEST_NOW);
          expect(many.parts).toHaveLength(p);
          expect(many.users).toBe(one.users);
          for (const id of TEST_INTERESTS) {
            for (const w of [7, 30, 90] as const) {
              expect(interestSizePartitioned(many, id, w)).toBe(interestBitmap(one, id, w).size);
            }
          }
          for (const input of inputs) {
            let spec: ReturnType<typeof canonicalizeSpec>;
            try {
              spec = canonicalizeSpec(input, {}, opts);
            } catch (e) {
              if (e instanceof AudienceError) continue;
              throw e;
            }
            const finalSet = evaluateSpec(one, spec);
            expect(countPartitioned(many, spec)).toBe(countSpec(one, spec));
            for (const dim of ['COUNTRY', 'AGE_BAND'] as const) {
              expect(breakdownPartitioned(many, spec, dim)).toEqual(
                breakdownCounts(one, spec, finalSet, dim),
              );
            }
            expect(sorted(overlapPartitioned(many, spec))).toEqual(
              sorted(overlapCounts(one, finalSet, spec.recencyDays)),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('puts each user in one stable partition and spreads users evenly', () => {
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[partitionOfUser(`user-${i}`, 7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(partitionOfUser('user-42', 7)).toBe(partitionOfUser('user-42', 7));
  });

  it('derives a new snapshot id only when a partition changed', () => {
    const users: TestUser[] = [
      { userId: 'a', country: 'US', birthYear: 1980, optedOut: false, seen: { i1: 2 } },
      { userId: 'b', country: 'CA', birthYear: 1970, optedOut: false, seen: { i2: 5 } },
    ];
    const parted = new PartitionedIndex({ partitions: 3, catalog: testCatalog });
    parted.applyChunk(populationChunk(users));
    const s1 = parted.buildSnapshot(TEST_NOW);
    parted.applyChunk(populationChunk(users)); // replay: no-op
    expect(parted.buildSnapshot(TEST_NOW)).toBe(s1);
    parted.applyChunk({ erased: ['a'] });
    const s2 = parted.buildSnapshot(TEST_NOW);
    expect(s2.id).not.toBe(s1.id);
    expect(s2.users).toBe(1);
  });
});
