export { classify } from './classifier/index.js';
export type { Classification, InterestMatch } from './classifier/index.js';
export { SignalsError } from './errors.js';
export type { SignalsErrorCode } from './errors.js';
export {
  chatEventSchema,
  eventJsonSchemas,
  MAX_LINE_LENGTH,
  MAX_TEXT_LENGTH,
  profileEventSchema,
} from './events/event.schema.js';
export type { ChatEvent, ProfileEvent, SignalEvent } from './events/event.schema.js';
export type { LineErrorReason } from './events/parse-line.js';
export { pseudonymize } from './pseudonymize.js';
export { createIngestor, REJECT_REASONS } from './ingest/ingestor.js';
export type {
  IngestProgress,
  IngestSummary,
  Ingestor,
  IngestorOptions,
  LineError,
  RejectReason,
} from './ingest/ingestor.js';
export type { RegionPolicy } from './ingest/policy-gate.js';
export { readLines } from './ingest/read-lines.js';
export { eraseUser } from './erasure/erase-user.js';
export type { EraseOptions, ErasureResult } from './erasure/erase-user.js';
export { purgeExpired } from './retention/purge-expired.js';
export type { PurgeOptions, PurgeResult } from './retention/purge-expired.js';
export { DEFAULT_RETENTION_DAYS } from './retention/retention-window.js';
