import type { Context } from '../../context.js';
import type { AudienceSpecArgs, BreakdownDimension, Charge } from '../../engine/port.js';
import { toPublicError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireOrg } from '../auth/auth.checker.js';
import { findInterest } from '../interests/interest.service.js';
import type { AudienceEstimate, Breakdown, InterestAffinity, ReachForecast } from './estimate.type.js';

/** GraphQL input → engine spec (drops nulls). */
export function toSpecArgs(input: AudienceSpecArgs): AudienceSpecArgs {
  return {
    include: input.include.map((group) => [...group]),
    ...(input.exclude ? { exclude: [...input.exclude] } : {}),
    ...(input.countries ? { countries: [...input.countries] } : {}),
    ...(input.ageMin != null ? { ageMin: input.ageMin } : {}),
    ...(input.ageMax != null ? { ageMax: input.ageMax } : {}),
    ...(input.recencyDays != null ? { recencyDays: input.recencyDays } : {}),
  };
}

/**
 * Runs one privacy-charged engine call and writes the audit entry (who, what spec, ε, outcome),
 * on success and on failure alike.
 */
async function audited<T extends Charge>(
  context: Context,
  action: string,
  spec: AudienceSpecArgs,
  run: (orgId: string) => Promise<T>,
): Promise<T> {
  const orgId = requireOrg(context);
  const { engine, metrics } = context.services;
  try {
    const result = await run(orgId);
    metrics.epsilonSpent.inc({ action }, result.epsilonSpent);
    await recordAudit(context, {
      action,
      specHash: result.specHash,
      epsilonSpent: result.epsilonSpent,
      outcome: 'OK',
    });
    return result;
  } catch (error) {
    let specHash: string | null = null;
    try {
      specHash = engine.specHash(spec);
    } catch {
      specHash = null; // an invalid spec has no canonical hash; the outcome records why
    }
    await recordAudit(context, { action, specHash, epsilonSpent: 0, outcome: toPublicError(error).code });
    throw error;
  }
}

export async function estimate(context: Context, input: AudienceSpecArgs): Promise<AudienceEstimate> {
  const spec = toSpecArgs(input);
  const r = await audited(context, 'ESTIMATE', spec, (orgId) =>
    context.services.engine.estimate(orgId, spec),
  );
  return {
    belowThreshold: r.belowThreshold,
    lowerBound: r.lowerBound,
    upperBound: r.upperBound,
    snapshotId: r.snapshotId,
    privacyBudgetRemaining: r.budgetRemaining,
    specHash: r.specHash,
    spec,
    breakdowns: new Map(),
  };
}

/** One engine call per estimate and dimension, however many fields ask for it. */
export function breakdown(
  context: Context,
  estimate: AudienceEstimate,
  by: BreakdownDimension,
): Promise<Breakdown> {
  let pending = estimate.breakdowns.get(by);
  if (!pending) {
    pending = audited(context, `BREAKDOWN_${by}`, estimate.spec, (orgId) =>
      context.services.engine.breakdown(orgId, estimate.spec, by),
    ).then((r) => ({ cells: r.cells, suppressedCells: r.suppressedCells }));
    estimate.breakdowns.set(by, pending);
  }
  return pending;
}

export async function forecast(
  context: Context,
  input: AudienceSpecArgs,
  params: { budget: number; cpm: number; days: number; frequencyCap?: number | null },
): Promise<ReachForecast> {
  const spec = toSpecArgs(input);
  const r = await audited(context, 'FORECAST', spec, (orgId) =>
    context.services.engine.forecast(orgId, spec, params),
  );
  return {
    belowThreshold: r.belowThreshold,
    snapshotId: r.snapshotId,
    impressions: r.impressions,
    reach: r.reach,
    reachLowerBound: r.reachLowerBound,
    reachUpperBound: r.reachUpperBound,
    averageFrequency: r.averageFrequency,
    curve: r.curve,
    privacyBudgetRemaining: r.budgetRemaining,
  };
}

export async function insights(
  context: Context,
  input: AudienceSpecArgs,
  first: number,
): Promise<InterestAffinity[]> {
  const spec = toSpecArgs(input);
  const r = await audited(context, 'INSIGHTS', spec, (orgId) =>
    context.services.engine.insights(orgId, spec, first),
  );
  return r.affinities.flatMap((a) => {
    const interest = findInterest(a.interestId);
    return interest ? [{ ...a, interest }] : [];
  });
}
