/**
 * What the server needs from the audience engine, in the server's own terms. The adapter in
 * `engine/adapter.ts` implements it over `@parlance/audience`'s AudienceEngine; tests and the
 * benchmark may use the same adapter over a fake loader. Every number here already passed the
 * privacy layer (threshold, noise, rounding): the server never sees an exact count.
 */
export interface AudienceSpecArgs {
  include: string[][];
  exclude?: string[] | null | undefined;
  countries?: string[] | null | undefined;
  ageMin?: number | null | undefined;
  ageMax?: number | null | undefined;
  recencyDays?: number | null | undefined;
}

/** Id and build time only: the exact population is never exposed outside the engine. */
export interface SnapshotInfo {
  id: string;
  builtAt: Date;
}

export interface Charge {
  /** Canonical spec hash (the audit log's `specHash`). */
  specHash: string;
  /** ε charged for this answer (0 for a repeat). */
  epsilonSpent: number;
  /** ε left in the organisation's daily window after this answer. */
  budgetRemaining: number;
}

export interface EstimateOutcome extends Charge {
  belowThreshold: boolean;
  lowerBound: number | null;
  upperBound: number | null;
  snapshotId: string;
}

export type BreakdownDimension = 'COUNTRY' | 'AGE_BAND';

export interface BreakdownOutcome extends Charge {
  cells: { key: string; lowerBound: number; upperBound: number }[];
  suppressedCells: number;
}

export interface ForecastParams {
  budget: number;
  cpm: number;
  days: number;
  frequencyCap?: number | null | undefined;
}

export interface ForecastOutcome extends Charge {
  belowThreshold: boolean;
  snapshotId: string;
  impressions: number;
  reach: number | null;
  reachLowerBound: number | null;
  reachUpperBound: number | null;
  averageFrequency: number | null;
  curve: {
    budget: number;
    impressions: number;
    reach: number;
    averageFrequency: number;
    reachLowerBound: number;
    reachUpperBound: number;
  }[];
}

export interface InsightsOutcome extends Charge {
  snapshotId: string;
  affinities: {
    interestId: string;
    affinityIndex: number;
    overlapLowerBound: number;
    overlapUpperBound: number;
  }[];
}

export interface AudiencePort {
  /** True once the first snapshot is built. */
  isReady(): boolean;
  /** True while the budget ledger's background writes fail (the service is then not ready). */
  writesFailing(): boolean;
  /** Resolves once the first snapshot is built; rejects if building failed. */
  whenReady(): Promise<void>;
  snapshot(): SnapshotInfo | null;
  /** Canonical hash of a spec; throws the engine's typed error on an invalid spec. */
  specHash(spec: AudienceSpecArgs): string;
  estimate(orgId: string, spec: AudienceSpecArgs): Promise<EstimateOutcome>;
  breakdown(orgId: string, spec: AudienceSpecArgs, by: BreakdownDimension): Promise<BreakdownOutcome>;
  forecast(orgId: string, spec: AudienceSpecArgs, params: ForecastParams): Promise<ForecastOutcome>;
  insights(orgId: string, spec: AudienceSpecArgs, first: number): Promise<InsightsOutcome>;
  /** A safe size range for one interest, or null when it is below the threshold. */
  interestSizeRange(interestId: string): { lowerBound: number; upperBound: number } | null;
  budgetRemaining(orgId: string): Promise<number>;
  /** Stops the engine, then writes every pending ledger row and releases unused reservations. */
  stop(): Promise<void>;
}
