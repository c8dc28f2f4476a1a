/**
 * The advertiser's side of the attack tests: the GraphQL operations of the contract
 * (issue 5), typed results, and a snapshot-aware wait.
 */
import type { GraphQLClient, GraphQLResponse } from './graphql.js';
import { type Spec, sleep } from './population.js';

export const ESTIMATE = /* GraphQL */ `
  query Estimate($spec: AudienceSpecInput!) {
    audienceEstimate(spec: $spec) {
      belowThreshold
      lowerBound
      upperBound
      snapshotId
      privacyBudgetRemaining
    }
  }
`;

export const ESTIMATE_WITH_BREAKDOWN = /* GraphQL */ `
  query EstimateBreakdown($spec: AudienceSpecInput!, $by: BreakdownDimension!) {
    audienceEstimate(spec: $spec) {
      belowThreshold
      lowerBound
      upperBound
      snapshotId
      breakdown(by: $by) {
        key
        lowerBound
        upperBound
      }
    }
  }
`;

export const FORECAST = /* GraphQL */ `
  query Forecast($spec: AudienceSpecInput!, $budget: Float!, $cpm: Float!, $days: Int!, $frequencyCap: Int) {
    reachForecast(spec: $spec, budget: $budget, cpm: $cpm, days: $days, frequencyCap: $frequencyCap) {
      __typename
    }
  }
`;

export const INSIGHTS = /* GraphQL */ `
  query Insights($spec: AudienceSpecInput!, $first: Int) {
    audienceInsights(spec: $spec, first: $first) {
      __typename
    }
  }
`;

export interface Estimate {
  belowThreshold: boolean;
  lowerBound: number | null;
  upperBound: number | null;
  snapshotId: string;
  privacyBudgetRemaining: number;
}

export interface EstimateResult {
  response: GraphQLResponse<{ audienceEstimate: Estimate | null }>;
  estimate: Estimate | null;
  codes: (string | undefined)[];
  /** BELOW_THRESHOLD either as the flag or as the typed error: in both cases no number. */
  suppressed: boolean;
}

export async function estimate(client: GraphQLClient, spec: Spec): Promise<EstimateResult> {
  const response = await client.request<{ audienceEstimate: Estimate | null }>(ESTIMATE, { spec });
  const estimate = response.data?.audienceEstimate ?? null;
  const codes = (response.errors ?? []).map((e) => e.extensions?.code);
  const suppressed = estimate?.belowThreshold === true || codes.includes('BELOW_THRESHOLD');
  return { response, estimate, codes, suppressed };
}

/** Throws with the response when the estimate failed with an error other than BELOW_THRESHOLD. */
export async function estimateOk(client: GraphQLClient, spec: Spec): Promise<EstimateResult> {
  const result = await estimate(client, spec);
  if (result.codes.some((c) => c !== 'BELOW_THRESHOLD') || (!result.estimate && !result.suppressed)) {
    throw new Error(`estimate failed: ${JSON.stringify(result.response.errors ?? result.response)}`);
  }
  return result;
}

/** The midpoint of a reported range, or null when nothing was reported. */
export function midpoint(e: Estimate | null): number | null {
  if (!e || e.belowThreshold || e.lowerBound === null || e.upperBound === null) return null;
  return (e.lowerBound + e.upperBound) / 2;
}

/** Every number-like leaf of a JSON value (to prove a suppressed answer carries no count). */
export function numbersIn(value: unknown, path = ''): { path: string; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => numbersIn(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/**
 * Waits until the engine serves a snapshot that includes everything committed before this call.
 * The engine refreshes every PARLANCE_SNAPSHOT_INTERVAL_SECONDS (1 s in tests) and publishes a new
 * snapshot only when something changed, so: the id has stayed the same for `quietMs` (several
 * refresh intervals) since the call or since its last change.
 */
export async function awaitFreshSnapshot(
  currentSnapshotId: () => Promise<string>,
  options: { timeoutMs?: number; quietMs?: number } = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const quietMs = options.quietMs ?? 3_000;
  const deadline = Date.now() + timeoutMs;
  let id = await currentSnapshotId();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(200);
    const next = await currentSnapshotId();
    if (next !== id) {
      id = next;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return id;
    }
  }
  throw new Error(`snapshot still changing after ${timeoutMs} ms (last ${id})`);
}
