import { createHmac } from 'node:crypto';

/**
 * Privacy settings. Every value is named and defaulted here; PRIVACY.md explains the model.
 */
export interface PrivacySettings {
  /** Minimum people behind any released number (final set and every breakdown cell). Default 100. */
  k: number;
  /** ε spent by one org-facing answer (Laplace scale 1/ε, sensitivity 1). Default 0.1. */
  epsilon: number;
  /** HMAC key of the noise seeds. Required; keep it secret and stable across restarts. */
  secret: string;
  /** ε each organisation may spend per window (UTC day). Default 25. */
  dailyBudget: number;
  /** ε of each system-level publication (interest sizes, base population) per snapshot. Default 0.1. */
  systemEpsilon: number;
  /** Two-sided confidence of the noise part of reported ranges. Default 0.95. */
  rangeConfidence: number;
}

export const DEFAULT_PRIVACY: Omit<PrivacySettings, 'secret'> = Object.freeze({
  k: 100,
  epsilon: 0.1,
  dailyBudget: 25,
  systemEpsilon: 0.1,
  rangeConfidence: 0.95,
});

/**
 * The seed of one noise draw: HMAC-SHA256(secret, parts joined by newlines). Parts are the answer
 * kind, the canonical spec hash, the snapshot id and any cell key, so the same question on the same
 * snapshot always draws the same noise, and a new snapshot draws fresh noise.
 */
export function noiseSeed(secret: string, parts: readonly string[]): Buffer {
  return createHmac('sha256', secret).update(parts.join('\n')).digest();
}

/** A uniform number in the open interval (0, 1) from 53 bits of a seed at `offset` (0..24). */
export function uniformFromSeed(seed: Buffer, offset = 0): number {
  const hi = seed.readUInt32BE(offset) >>> 11; // 21 bits
  const lo = seed.readUInt32BE(offset + 4); // 32 bits
  return (hi * 4294967296 + lo + 0.5) / 9007199254740992;
}

/** A Laplace(0, scale) draw by inverse CDF from the seed. */
export function laplaceFromSeed(seed: Buffer, scale: number): number {
  const u = uniformFromSeed(seed) - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/** A Gumbel(0, scale) draw by inverse CDF from the seed (for report-noisy-max / top-k). */
export function gumbelFromSeed(seed: Buffer, scale: number): number {
  return -scale * Math.log(-Math.log(uniformFromSeed(seed)));
}

/** Rounds a positive number to two significant digits; `step` is the rounding unit (≥ 1). */
export function roundTwoSignificant(x: number): { value: number; step: number } {
  if (!(x > 0)) return { value: 0, step: 1 };
  const step = Math.max(1, 10 ** (Math.floor(Math.log10(x)) - 1));
  const value = Math.round(x / step) * step;
  // 99.6 rounds to 100: recompute the unit for the new magnitude.
  const step2 = Math.max(1, 10 ** (Math.floor(Math.log10(value)) - 1));
  return { value: Math.round(value / step2) * step2, step: step2 };
}

/** A released count: either withheld, or a rounded noisy value with a range. Plain data. */
export type ReleasedCount =
  | { belowThreshold: true; value: null; lower: null; upper: null }
  | { belowThreshold: false; value: number; lower: number; upper: number };

export const WITHHELD: ReleasedCount = Object.freeze({
  belowThreshold: true,
  value: null,
  lower: null,
  upper: null,
});

/** Half-width of the range: the larger of one rounding step and the noise interval, in steps. */
export function rangeHalfWidth(step: number, epsilon: number, confidence: number): number {
  const noise = Math.log(1 / (1 - confidence)) / epsilon; // P(|Lap(1/ε)| > t) = e^(−εt)
  return Math.max(step, Math.ceil(noise / step) * step);
}

/**
 * The privacy gate of one count.
 *
 * 1. exact < k → withheld (a number derived from fewer than k people never leaves);
 * 2. noisy = exact + Laplace(1/ε) seeded; noisy < k → withheld too (no clean edge at k);
 * 3. value = noisy rounded to two significant digits; range = value ± max(one rounding step,
 *    the `confidence` interval of the noise rounded up to whole steps), lower bound at least k.
 */
export function releaseCount(
  exact: number,
  options: { k: number; epsilon: number; seed: Buffer; confidence?: number },
): ReleasedCount {
  const { k, epsilon, seed } = options;
  if (exact < k) return WITHHELD;
  const noisy = exact + laplaceFromSeed(seed, 1 / epsilon);
  if (noisy < k) return WITHHELD;
  const { value, step } = roundTwoSignificant(noisy);
  const half = rangeHalfWidth(step, epsilon, options.confidence ?? DEFAULT_PRIVACY.rangeConfidence);
  return { belowThreshold: false, value, lower: Math.max(k, value - half), upper: value + half };
}

/** Start of the UTC day holding `at`: the default budget window. */
export function utcDayStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 86_400_000) * 86_400_000);
}
