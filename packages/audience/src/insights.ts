import { gumbelFromSeed, noiseSeed, roundTwoSignificant, releaseCount } from './privacy.js';

/** One related interest. */
export interface InsightItem {
  interestId: string;
  /** (share of the audience with X) ÷ (share of the base population with X) × 100, two significant digits. */
  affinity: number;
  /** The audience ∩ X, released like any count (noisy, rounded, ≥ k). */
  overlap: { value: number; lower: number; upper: number };
}

/** Inputs of {@link rankInsights}: exact overlaps plus already-released (noisy) denominators. */
export interface InsightsInput {
  /** Exact |audience ∩ X| per interest. */
  overlaps: ReadonlyMap<string, number>;
  /** Released (noisy) audience size. */
  audience: number;
  /** Released (noisy, system-level) size of each interest in the base population; null if withheld. */
  baseSizes: (interestId: string) => number | null;
  /** Released (noisy, system-level) base population. */
  population: number;
  /** Interests of the spec itself, never suggested. */
  specInterests: ReadonlySet<string>;
  first: number;
  k: number;
  epsilon: number;
  secret: string;
  specHash: string;
  snapshotId: string;
}

/**
 * Related interests ranked by affinity, chosen with a seeded one-shot Gumbel top-k (equivalent to
 * `first` rounds of the exponential mechanism).
 *
 * - Candidates: interests outside the spec whose exact overlap passes k and whose published base
 *   size is released.
 * - Utility: ln(overlap) − ln(baseSize); the base size is already public, and one person moves
 *   ln(overlap) by at most 1/(k − 1) when overlap ≥ k, so Δ = 1/(k − 1).
 * - Gumbel scale 2Δ·first/ε (ε for the whole selection); then each chosen overlap is released
 *   with its own ε (Laplace, gate at k). Total ε = epsilon × (1 + first); the engine charges it.
 */
export function rankInsights(input: InsightsInput): InsightItem[] {
  const { k, epsilon, first, secret, specHash, snapshotId } = input;
  const delta = 1 / Math.max(1, k - 1);
  const scale = (2 * delta * first) / epsilon;
  const scored: { id: string; score: number; base: number; overlap: number }[] = [];
  for (const [id, overlap] of input.overlaps) {
    if (overlap < k || input.specInterests.has(id)) continue;
    const base = input.baseSizes(id);
    if (base === null || base <= 0) continue;
    const g = gumbelFromSeed(noiseSeed(secret, ['insights-select', specHash, snapshotId, id]), scale);
    scored.push({ id, score: Math.log(overlap) - Math.log(base) + g, base, overlap });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const items: InsightItem[] = [];
  for (const c of scored.slice(0, first)) {
    const released = releaseCount(c.overlap, {
      k,
      epsilon,
      seed: noiseSeed(secret, ['insights-overlap', specHash, snapshotId, c.id]),
    });
    if (released.belowThreshold) continue;
    const affinity = (released.value / input.audience / (c.base / input.population)) * 100;
    items.push({
      interestId: c.id,
      affinity: roundTwoSignificant(affinity).value,
      overlap: { value: released.value, lower: released.lower, upper: released.upper },
    });
  }
  items.sort((a, b) => b.affinity - a.affinity || (a.interestId < b.interestId ? -1 : 1));
  return items;
}
