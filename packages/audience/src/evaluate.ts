import { RoaringBitmap32 } from './roaring.js';
import { AGE_BANDS, type AgeBand, EMPTY_BITMAP, type IndexSnapshot } from './bitmap-index.js';
import { type CanonicalSpec, MAX_AGE, MIN_AGE } from './spec.js';

/** Breakdown dimensions. */
export type BreakdownDimension = 'COUNTRY' | 'AGE_BAND';

/** Maximum derived bitmaps memoised per snapshot (age ranges, country unions). */
const MEMO_LIMIT = 64;

function memo(snapshot: IndexSnapshot, key: string, make: () => RoaringBitmap32): RoaringBitmap32 {
  const hit = snapshot.memo.get(key);
  if (hit !== undefined) {
    snapshot.memo.delete(key);
    snapshot.memo.set(key, hit); // LRU order
    return hit;
  }
  const b = make().freeze();
  snapshot.memo.set(key, b);
  if (snapshot.memo.size > MEMO_LIMIT) {
    const oldest = snapshot.memo.keys().next().value;
    if (oldest !== undefined) snapshot.memo.delete(oldest);
  }
  return b;
}

/** The bitmap of an interest for a window (empty when the interest has no signal). */
export function interestBitmap(
  snapshot: IndexSnapshot,
  interestId: string,
  recencyDays: 7 | 30 | 90,
): RoaringBitmap32 {
  return snapshot.interests.get(interestId)?.[recencyDays] ?? EMPTY_BITMAP;
}

/** Eligible users in the age range (memoised per snapshot). */
export function ageRangeBitmap(snapshot: IndexSnapshot, ageMin: number, ageMax: number): RoaringBitmap32 {
  if (ageMin <= MIN_AGE && ageMax >= MAX_AGE) return snapshot.eligible;
  return memo(snapshot, `age:${ageMin}-${ageMax}`, () =>
    RoaringBitmap32.orMany(snapshot.ages.slice(ageMin - MIN_AGE, ageMax - MIN_AGE + 1)),
  );
}

/** Eligible users in any of the (sorted) countries; all eligible users when empty. */
export function countriesBitmap(snapshot: IndexSnapshot, countries: readonly string[]): RoaringBitmap32 {
  if (countries.length === 0) return snapshot.eligible;
  if (countries.length === 1) return snapshot.countries.get(countries[0]!) ?? EMPTY_BITMAP;
  return memo(snapshot, `country:${countries.join(',')}`, () =>
    RoaringBitmap32.orMany(countries.map((c) => snapshot.countries.get(c) ?? EMPTY_BITMAP)),
  );
}

/**
 * Countries ∧ age range of a spec as one memoised bitmap, or undefined when the spec restricts
 * neither (every interest bitmap is already restricted to eligible users).
 */
export function demographicMask(snapshot: IndexSnapshot, spec: CanonicalSpec): RoaringBitmap32 | undefined {
  const byCountry = spec.countries.length > 0;
  const byAge = spec.ageMin > MIN_AGE || spec.ageMax < MAX_AGE;
  if (!byCountry) return byAge ? ageRangeBitmap(snapshot, spec.ageMin, spec.ageMax) : undefined;
  const countries = countriesBitmap(snapshot, spec.countries);
  if (!byAge) return countries;
  return memo(snapshot, `mask:${spec.countries.join(',')}:${spec.ageMin}-${spec.ageMax}`, () => {
    const m = RoaringBitmap32.and(countries, ageRangeBitmap(snapshot, spec.ageMin, spec.ageMax));
    m.runOptimize();
    m.shrinkToFit();
    return m;
  });
}

/** One narrowing step after the first OR-group: AND with `x`, or AND NOT `x`. */
interface Step {
  and: boolean;
  bitmaps: readonly RoaringBitmap32[];
}

/**
 * Evaluates a spec as a chain: smallest OR-group first, then AND the demographic mask (early:
 * it is precomputed and shrinks every later step), then AND each further OR-group (as one union:
 * measured faster than OR-ing per-member intersections), then AND NOT each exclusion.
 *
 * With `countOnly` the last step is a native cardinality (`andCardinality` /
 * `andNotCardinality`), so the final set is never materialised; a one-interest first group is
 * never copied until a step needs a result of its own. Returns the count, or a fresh bitmap owned
 * by the caller.
 */
function run(snapshot: IndexSnapshot, spec: CanonicalSpec, countOnly: true): number;
function run(snapshot: IndexSnapshot, spec: CanonicalSpec, countOnly: false): RoaringBitmap32;
function run(snapshot: IndexSnapshot, spec: CanonicalSpec, countOnly: boolean): number | RoaringBitmap32 {
  const w = spec.recencyDays;
  const groups = spec.include.map((g) => {
    const bitmaps = g.map((id) => interestBitmap(snapshot, id, w));
    let size = 0;
    for (const b of bitmaps) size += b.size;
    return { bitmaps, size };
  });
  groups.sort((a, b) => a.size - b.size);
  const first = groups[0];
  if (first === undefined) return countOnly ? 0 : new RoaringBitmap32();
  const steps: Step[] = [];
  const mask = demographicMask(snapshot, spec);
  if (mask !== undefined) steps.push({ and: true, bitmaps: [mask] });
  for (let i = 1; i < groups.length; i++) steps.push({ and: true, bitmaps: groups[i]!.bitmaps });
  for (const id of spec.exclude) steps.push({ and: false, bitmaps: [interestBitmap(snapshot, id, w)] });

  // `base` is what the chain holds so far; `owned` is set once base is a bitmap of our own.
  // Temporaries are cleared as soon as they are used: CRoaring reports every allocation to V8
  // as external memory, and ~10 MB of garbage per query at 10M users made V8 run a full
  // mark-compact every few hundred ms (the p99). Clearing frees natively and lowers the count.
  let owned: RoaringBitmap32 | undefined =
    first.bitmaps.length === 1 ? undefined : RoaringBitmap32.orMany(first.bitmaps);
  let base: RoaringBitmap32 = owned ?? first.bitmaps[0]!;
  for (let i = 0; i < steps.length; i++) {
    if (base.isEmpty) break;
    const step = steps[i]!;
    const temp = step.bitmaps.length === 1 ? undefined : RoaringBitmap32.orMany(step.bitmaps);
    const x = temp ?? step.bitmaps[0]!;
    if (countOnly && i === steps.length - 1) {
      const n = step.and ? base.andCardinality(x) : base.andNotCardinality(x);
      temp?.clear();
      owned?.clear();
      return n;
    }
    if (owned === undefined) {
      owned = step.and ? RoaringBitmap32.and(base, x) : RoaringBitmap32.andNot(base, x);
      base = owned;
    } else if (step.and) owned.andInPlace(x);
    else owned.andNotInPlace(x);
    temp?.clear();
  }
  if (countOnly) {
    const n = base.size;
    owned?.clear();
    return n;
  }
  return owned ?? base.clone();
}

/**
 * The exact final set of a canonical spec on a snapshot: AND of OR-groups, AND NOT exclusions,
 * countries, age range, recency window. Returns a fresh bitmap owned by the caller (never one of
 * the snapshot's). Use {@link countSpec} when only the size is needed.
 */
export function evaluateSpec(snapshot: IndexSnapshot, spec: CanonicalSpec): RoaringBitmap32 {
  return run(snapshot, spec, false);
}

/** The exact count of a canonical spec on a snapshot, without materialising the final set. */
export function countSpec(snapshot: IndexSnapshot, spec: CanonicalSpec): number {
  return run(snapshot, spec, true);
}

/** One exact breakdown cell. */
export interface ExactCell {
  key: string;
  count: number;
}

/**
 * Exact breakdown cells of a final set. Candidate cells: for COUNTRY the spec's countries, or every
 * country present in the snapshot; for AGE_BAND the bands that overlap the spec's age range.
 * Cells are disjoint (one country, one age per user). Order: country code, or band order.
 */
export function breakdownCounts(
  snapshot: IndexSnapshot,
  spec: CanonicalSpec,
  finalSet: RoaringBitmap32,
  dimension: BreakdownDimension,
): ExactCell[] {
  if (dimension === 'COUNTRY') {
    const keys = spec.countries.length > 0 ? [...spec.countries] : [...snapshot.countries.keys()].sort();
    return keys.map((key) => ({
      key,
      count: finalSet.andCardinality(snapshot.countries.get(key) ?? EMPTY_BITMAP),
    }));
  }
  const cells: ExactCell[] = [];
  AGE_BANDS.forEach((b, i) => {
    if (b.max < spec.ageMin || b.min > spec.ageMax) return;
    cells.push({ key: b.band satisfies AgeBand, count: finalSet.andCardinality(snapshot.bands[i]!) });
  });
  return cells;
}

/** Exact overlap of a final set with every interest of the snapshot (same recency window). */
export function overlapCounts(
  snapshot: IndexSnapshot,
  finalSet: RoaringBitmap32,
  recencyDays: 7 | 30 | 90,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, bitmaps] of snapshot.interests) out.set(id, finalSet.andCardinality(bitmaps[recencyDays]));
  return out;
}
