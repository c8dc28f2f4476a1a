import { SYNTHETIC_INTERESTS } from '../testing/fake-loader.js';

/** The benchmark's one operation. */
export const QUERY =
  'query Estimate($spec: AudienceSpecInput!) { audienceEstimate(spec: $spec) { belowThreshold lowerBound upperBound snapshotId privacyBudgetRemaining } }';

const COUNTRY_SETS = [
  [],
  ['US'],
  ['CA'],
  ['BR'],
  ['JP'],
  ['US', 'CA'],
  ['IN', 'MX'],
  ['AU', 'JP'],
  ['US', 'BR', 'MX'],
  ['CA', 'AU'],
  ['IN'],
  ['MX'],
] as const;
const PAIRS: (readonly [string, string])[] = [];
for (let a = 0; a < SYNTHETIC_INTERESTS.length; a++) {
  for (let b = a + 1; b < SYNTHETIC_INTERESTS.length; b++) {
    PAIRS.push([SYNTHETIC_INTERESTS[a] as string, SYNTHETIC_INTERESTS[b] as string]);
  }
}

/** How many distinct canonical specs `benchSpec` yields before it repeats. */
export const DISTINCT_SPECS = PAIRS.length * 2 * COUNTRY_SETS.length * 40 * 3;

/**
 * The i-th spec of a mixed-radix enumeration (interest pair × AND/OR × countries × minimum age
 * × recency): distinct canonical specs for i < DISTINCT_SPECS.
 */
export function benchSpec(i: number): Record<string, unknown> {
  let r = i % DISTINCT_SPECS;
  const pair = PAIRS[r % PAIRS.length] as readonly [string, string];
  r = Math.floor(r / PAIRS.length);
  const and = r % 2 === 1;
  r = Math.floor(r / 2);
  const countries = COUNTRY_SETS[r % COUNTRY_SETS.length] ?? [];
  r = Math.floor(r / COUNTRY_SETS.length);
  const ageMin = 18 + (r % 40);
  r = Math.floor(r / 40);
  return {
    include: and ? [[pair[0]], [pair[1]]] : [[pair[0], pair[1]]],
    ...(countries.length > 0 ? { countries: [...countries] } : {}),
    ageMin,
    recencyDays: [7, 30, 90][r % 3],
  };
}

/** The hot spec every fourth request repeats. */
export const HOT_SPEC = { include: [['725'], ['720']], countries: ['US'], recencyDays: 30 };
