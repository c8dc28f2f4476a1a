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

/**
 * Evaluates a spec by complement, so that every intermediate bitmap stays dense. A universe `X`
 * is chosen (the demographic mask, or the most selective OR-group when there is no mask or one
 * group is far smaller), and every other condition is turned into the users of `X` it removes:
 *
 *   final = X ∖ Z,   Z = ∨ᵢ (X ∖ Gᵢ) ∨ ∨ⱼ Eⱼ,   X ∖ (A ∨ B ∨ …) = X ∖ A ∖ B ∖ …
 *
 * So no OR-group is materialised as a union, and the sparse chain of the narrowing evaluator
 * (which turned each step's bitset containers into array containers: ≈ 1 ms per step at 10M
 * users) is replaced by removals from and unions into dense bitmaps. The count is a single native
 * `andNotCardinality`; the final set is materialised once. Measured at 10M users, composite count
 * p50 7.9 → 6.5 ms (1M: 0.78 → 0.75 ms). What is left is ≈ 1 ns per element of the array-container
 * members (bitset ∖ array clears bit by bit); bitset members cost ≈ 0.09 ms each.
 *
 * Returns the count, or a fresh bitmap owned by the caller.
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
  if (groups.length === 0) return countOnly ? 0 : new RoaringBitmap32();
  groups.sort((a, b) => a.size - b.size);
  const mask = demographicMask(snapshot, spec);

  // Temporaries are cleared as soon as they are used: CRoaring reports every allocation to V8
  // as external memory, and ~10 MB of garbage per query at 10M users made V8 run a full
  // mark-compact every few hundred ms (the p99). Clearing frees natively and lowers the count.
  let universe: RoaringBitmap32;
  let ownedUniverse: RoaringBitmap32 | undefined;
  let rest = groups;
  if (mask !== undefined && groups[0]!.size * 4 >= mask.size) universe = mask;
  else {
    const first = groups[0]!.bitmaps;
    rest = groups.slice(1);
    if (first.length === 1) universe = first[0]!;
    else universe = ownedUniverse = RoaringBitmap32.orMany(first);
  }
  // `removed` (Z): users of the universe that fail some condition; undefined while none.
  let removed: RoaringBitmap32 | undefined;
  const remove = (d: RoaringBitmap32): void => {
    if (removed === undefined) removed = d;
    else {
      removed.orInPlace(d);
      d.clear();
    }
  };
  if (mask !== undefined && universe !== mask) remove(RoaringBitmap32.andNot(universe, mask));
  for (const g of rest) {
    const d = RoaringBitmap32.andNot(universe, g.bitmaps[0]!);
    for (let i = 1; i < g.bitmaps.length; i++) d.andNotInPlace(g.bitmaps[i]!);
    remove(d);
  }
  const z: RoaringBitmap32 | undefined = removed;
  let out: number | RoaringBitmap32;
  if (z === undefined && spec.exclude.length === 0) out = countOnly ? universe.size : universe.clone();
  else if (z === undefined && spec.exclude.length === 1) {
    const e = interestBitmap(snapshot, spec.exclude[0]!, w);
    out = countOnly ? universe.andNotCardinality(e) : RoaringBitmap32.andNot(universe, e);
  } else {
    const acc = z ?? new RoaringBitmap32();
    for (const id of spec.exclude) acc.orInPlace(interestBitmap(snapshot, id, w));
    out = countOnly ? universe.andNotCardinality(acc) : RoaringBitmap32.andNot(universe, acc);
    acc.clear();
  }
  if (ownedUniverse !== undefined && out !== ownedUniverse) ownedUniverse.clear();
  return out;
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

/** Exact breakdown cells of a spec on one snapshot: one evaluation, its final set freed at once. */
export function breakdownSpec(
  snapshot: IndexSnapshot,
  spec: CanonicalSpec,
  dimension: BreakdownDimension,
): ExactCell[] {
  const finalSet = evaluateSpec(snapshot, spec);
  const cells = breakdownCounts(snapshot, spec, finalSet, dimension);
  finalSet.clear(); // free natively now (see run(): external memory drives GC)
  return cells;
}

/** The exact audience size and its overlap with every interest, from one evaluation. */
export function overlapSpec(
  snapshot: IndexSnapshot,
  spec: CanonicalSpec,
): { count: number; overlaps: Map<string, number> } {
  const finalSet = evaluateSpec(snapshot, spec);
  const out = { count: finalSet.size, overlaps: overlapCounts(snapshot, finalSet, spec.recencyDays) };
  finalSet.clear();
  return out;
}
