import { AudienceError } from './errors.js';
import { roundTwoSignificant } from './privacy.js';

/** Campaign parameters of a reach forecast. */
export interface ForecastInput {
  /** Total spend over the flight, in the currency of `cpm`. */
  budget: number;
  /** Cost per thousand impressions. */
  cpm: number;
  /** Flight length in days. */
  days: number;
  /** Maximum impressions per person per day. */
  frequencyCap: number;
}

/** One point of the reach curve. Impressions and reach are rounded to two significant digits. */
export interface ForecastPoint {
  spend: number;
  impressions: number;
  reach: number;
  averageFrequency: number;
}

/**
 * Points on the curve: spend at 10 %, 20 %, … 100 % of the budget; fewer when the audience
 * saturates first (the last point is then the saturation spend, each spend appears once).
 */
export const FORECAST_POINTS = 10;
/** Flight caps above this are treated as this (keeps the Poisson sums bounded). */
const MAX_FLIGHT_CAP = 10_000;

/** E[min(X, cap)] for X ~ Poisson(λ): Σ_{j<cap} P(X > j). */
export function cappedPoissonMean(lambda: number, cap: number): number {
  let pmf = Math.exp(-lambda);
  let cdf = pmf;
  let sum = 0;
  for (let j = 0; j < cap; j++) {
    sum += 1 - cdf;
    if (1 - cdf < 1e-12) break;
    pmf *= lambda / (j + 1);
    cdf += pmf;
  }
  return sum;
}

/**
 * The saturation model. Impressions are spread over the N people of the (noisy) audience as
 * independent Poisson exposures of rate λ, and each person sees at most F = frequencyCap × days
 * impressions over the flight. For a spend S: wanted impressions I = 1000·S / cpm; λ solves
 * N·E[min(X, F)] = I (bisection; when I ≥ N·F the audience is saturated and delivery stops at N·F);
 * reach = N·(1 − e^(−λ)); averageFrequency = delivered / reach (never above F); spend = delivered·cpm/1000.
 * The curve stops at the first saturated point: spends are strictly increasing.
 * Only post-processing of the noisy, released audience size: no raw count is used.
 */
export function reachCurve(
  audience: number,
  input: ForecastInput,
  points = FORECAST_POINTS,
): ForecastPoint[] {
  const { budget, cpm, days, frequencyCap } = input;
  for (const [name, v] of Object.entries({ budget, cpm, days, frequencyCap })) {
    if (!Number.isFinite(v) || v <= 0) {
      throw new AudienceError('INVALID_ARGUMENT', `${name} must be a positive number.`, { field: name });
    }
  }
  if (!Number.isInteger(days) || !Number.isInteger(frequencyCap)) {
    throw new AudienceError('INVALID_ARGUMENT', 'days and frequencyCap must be whole numbers.');
  }
  const n = audience;
  const cap = Math.min(MAX_FLIGHT_CAP, frequencyCap * days);
  const out: ForecastPoint[] = [];
  for (let p = 1; p <= points; p++) {
    const wanted = ((budget * p) / points / cpm) * 1000;
    let delivered: number;
    let lambda: number;
    if (n <= 0) {
      delivered = 0;
      lambda = 0;
    } else if (wanted >= n * cap * (1 - 1e-9)) {
      delivered = n * cap;
      lambda = Number.POSITIVE_INFINITY;
    } else {
      let lo = 0;
      let hi = Math.max(1, (2 * wanted) / n);
      while (n * cappedPoissonMean(hi, cap) < wanted) hi *= 2;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (n * cappedPoissonMean(mid, cap) < wanted) lo = mid;
        else hi = mid;
      }
      lambda = (lo + hi) / 2;
      delivered = wanted;
    }
    const reach = n * (1 - Math.exp(-lambda));
    // Past saturation more budget buys nothing: the curve ends at the saturation point rather
    // than repeating it (a repeated spend drew a vertical run of identical points on the chart).
    const spend = Math.round((delivered * cpm) / 10) / 100;
    if (lambda === Number.POSITIVE_INFINITY && out.length > 0 && spend <= (out.at(-1)?.spend ?? 0)) break;
    out.push({
      spend,
      impressions: roundTwoSignificant(delivered).value,
      reach: roundTwoSignificant(reach).value,
      averageFrequency: reach > 0 ? Math.round((delivered / reach) * 100) / 100 : 0,
    });
  }
  return out;
}
