import fc from 'fast-check';
import { BitmapIndex, conservativeAge } from '../bitmap-index.js';
import { fixtureCatalog } from '../catalog.js';
import type { AudienceChunk } from '../loader.js';
import type { CanonicalSpec } from '../spec.js';

/** Interests, countries and the clock of the small test world. */
export const TEST_INTERESTS = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7'];
export const TEST_COUNTRIES = ['US', 'CA', 'BR'];
export const TEST_EXCLUDED = ['DE'];
export const TEST_NOW = new Date('2025-06-30T12:00:00Z');
export const testCatalog = fixtureCatalog(TEST_INTERESTS, {
  sensitive: ['s1'],
  countries: TEST_COUNTRIES,
  excludedCountries: TEST_EXCLUDED,
});

export interface TestUser {
  userId: string;
  country: string;
  birthYear: number;
  optedOut: boolean;
  /** interestId → days ago last seen */
  seen: Record<string, number>;
}

const day = (daysAgo: number): string =>
  new Date(TEST_NOW.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** An arbitrary small population (with minors, opted-out users and excluded countries). */
export const populationArb = (maxUsers = 60): fc.Arbitrary<TestUser[]> =>
  fc
    .array(
      fc.record({
        country: fc.constantFrom(...TEST_COUNTRIES, ...TEST_EXCLUDED),
        birthYear: fc.integer({ min: 1940, max: 2010 }),
        optedOut: fc.boolean(),
        seen: fc.dictionary(fc.constantFrom(...TEST_INTERESTS), fc.integer({ min: 0, max: 120 }), {
          maxKeys: 5,
        }),
      }),
      { maxLength: maxUsers },
    )
    .map((us) => us.map((u, i) => ({ ...u, userId: `user-${i}` })));

/** The loader chunk of a population. */
export function populationChunk(users: readonly TestUser[]): AudienceChunk {
  return {
    profiles: users.map((u) => ({
      userId: u.userId,
      country: u.country,
      birthYear: u.birthYear,
      optedOut: u.optedOut,
    })),
    signals: users.flatMap((u) =>
      Object.entries(u.seen).map(([interestId, ago]) => ({
        userId: u.userId,
        interestId,
        lastDay: day(ago),
      })),
    ),
  };
}

/** An index with one snapshot of the population, at TEST_NOW. */
export function buildTestIndex(users: readonly TestUser[]): BitmapIndex {
  const index = new BitmapIndex({ catalog: testCatalog });
  index.applyChunk(populationChunk(users));
  index.buildSnapshot(TEST_NOW);
  return index;
}

/** True when the user may be counted at all. */
export function bruteEligible(u: TestUser): boolean {
  return !u.optedOut && TEST_COUNTRIES.includes(u.country) && conservativeAge(u.birthYear, TEST_NOW) >= 18;
}

/** Whether a user has an interest within a window (retention 90 days). */
export function bruteHas(u: TestUser, interestId: string, recencyDays: number): boolean {
  const ago = u.seen[interestId];
  return ago !== undefined && ago < recencyDays && ago < 90;
}

/** The brute-force predicate of a canonical spec. */
export function bruteMatches(u: TestUser, spec: CanonicalSpec): boolean {
  if (!bruteEligible(u)) return false;
  const w = spec.recencyDays;
  if (!spec.include.every((g) => g.some((id) => bruteHas(u, id, w)))) return false;
  if (spec.exclude.some((id) => bruteHas(u, id, w))) return false;
  if (spec.countries.length > 0 && !spec.countries.includes(u.country)) return false;
  const age = Math.min(65, conservativeAge(u.birthYear, TEST_NOW));
  return age >= spec.ageMin && age <= spec.ageMax;
}

/** The brute-force count of a canonical spec. */
export function bruteCount(users: readonly TestUser[], spec: CanonicalSpec): number {
  return users.filter((u) => bruteMatches(u, spec)).length;
}

/** An arbitrary raw spec input over the test world (may be invalid only by contradiction). */
export const specInputArb = fc
  .record({
    include: fc.array(fc.array(fc.constantFrom(...TEST_INTERESTS), { maxLength: 4 }), {
      minLength: 1,
      maxLength: 4,
    }),
    exclude: fc.array(fc.constantFrom(...TEST_INTERESTS), { maxLength: 2 }),
    countries: fc.array(fc.constantFrom('us', 'CA', 'br', 'Us'), { maxLength: 3 }),
    ageMin: fc.integer({ min: 18, max: 65 }),
    span: fc.integer({ min: 0, max: 47 }),
    recencyDays: fc.constantFrom(7, 30, 90),
  })
  .map(({ span, ...s }) => ({ ...s, ageMax: Math.min(65, s.ageMin + span) }));
