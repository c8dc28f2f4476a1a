export {
  AGE_BANDS,
  type AgeBand,
  BitmapIndex,
  type BitmapIndexOptions,
  conservativeAge,
  EMPTY_BITMAP,
  epochDay,
  type IndexMemory,
  type IndexSnapshot,
  type InterestBitmaps,
  RETENTION_DAYS,
} from './bitmap-index.js';
export { type BudgetSpend, type BudgetStore, InMemoryBudgetStore } from './budget.js';
export { type CountryStatus, fixtureCatalog, type InterestCatalog, taxonomyCatalog } from './catalog.js';
export {
  type AnswerMeta,
  AudienceEngine,
  type AudienceEngineOptions,
  type BreakdownCell,
  type BreakdownResult,
  DEFAULT_MIN_LAUNCH_AUDIENCE,
  DEFAULT_SNAPSHOT_INTERVAL_MS,
  type EngineReadiness,
  type EstimateResult,
  type ForecastResult,
  type InsightsResult,
  type InterestSizeRange,
  MAX_INSIGHTS,
  PUBLISHED_SIZE_RECENCY,
  type SnapshotInfo,
} from './engine.js';
export {
  AUDIENCE_ERROR_CODES,
  AudienceError,
  type AudienceErrorCode,
  type AudienceErrorDetails,
  isAudienceError,
} from './errors.js';
export {
  ageRangeBitmap,
  type BreakdownDimension,
  breakdownCounts,
  breakdownSpec,
  countriesBitmap,
  countSpec,
  demographicMask,
  type ExactCell,
  evaluateSpec,
  interestBitmap,
  overlapCounts,
  overlapSpec,
} from './evaluate.js';
export {
  breakdownPartitioned,
  countPartitioned,
  interestSizePartitioned,
  combinedSnapshotId,
  overlapPartitioned,
  overlapsPartitioned,
  PartitionedIndex,
  type PartitionedIndexOptions,
  type PartitionedSnapshot,
  partitionOfUser,
  splitChunk,
  sumCells,
  sumOverlaps,
} from './partitioned-index.js';
export {
  cappedPoissonMean,
  FORECAST_POINTS,
  type ForecastInput,
  type ForecastPoint,
  reachCurve,
} from './forecast.js';
export { type InsightItem, type InsightsInput, rankInsights } from './insights.js';
export type { AudienceChunk, AudienceLoader, AudienceProfile, AudienceSignal } from './loader.js';
export {
  DEFAULT_PRIVACY,
  gumbelFromSeed,
  laplaceFromSeed,
  noiseSeed,
  type PrivacySettings,
  type ReleasedCount,
  rangeHalfWidth,
  releaseCount,
  roundTwoSignificant,
  uniformFromSeed,
  utcDayStart,
  WITHHELD,
} from './privacy.js';
export { ThreadedIndex, type ThreadedIndexOptions, type ThreadedSnapshot } from './threaded-index.js';
export type { PartitionFill } from './worker-protocol.js';
export {
  type AudienceSpecInput,
  type CanonicalizeOptions,
  type CanonicalSpec,
  canonicalJson,
  canonicalizeSpec,
  DEFAULT_SPEC_LIMITS,
  MAX_AGE,
  MIN_AGE,
  RECENCY_WINDOWS,
  type RecencyDays,
  type SpecLimits,
  specHash,
} from './spec.js';
