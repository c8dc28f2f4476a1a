/**
 * Every failure the audience engine reports, as a closed set of codes. The server maps each code
 * to a GraphQL error in one exhaustive table, so adding a code here fails its type check until mapped.
 */
export type AudienceErrorCode =
  | 'INVALID_SPEC'
  | 'EMPTY_SPEC'
  | 'CONTRADICTORY_SPEC'
  | 'UNKNOWN_INTEREST'
  | 'SENSITIVE_INTEREST'
  | 'UNKNOWN_COUNTRY'
  | 'EXCLUDED_COUNTRY'
  | 'SPEC_TOO_COMPLEX'
  | 'INVALID_AGE_RANGE'
  | 'INVALID_RECENCY'
  | 'INVALID_ARGUMENT'
  | 'PRIVACY_BUDGET_EXHAUSTED'
  | 'NOT_READY';

/** All codes, for exhaustive tables and tests. */
export const AUDIENCE_ERROR_CODES: readonly AudienceErrorCode[] = [
  'INVALID_SPEC',
  'EMPTY_SPEC',
  'CONTRADICTORY_SPEC',
  'UNKNOWN_INTEREST',
  'SENSITIVE_INTEREST',
  'UNKNOWN_COUNTRY',
  'EXCLUDED_COUNTRY',
  'SPEC_TOO_COMPLEX',
  'INVALID_AGE_RANGE',
  'INVALID_RECENCY',
  'INVALID_ARGUMENT',
  'PRIVACY_BUDGET_EXHAUSTED',
  'NOT_READY',
];

/** Extra, safe-to-show facts about an error (offending ids, limits). Never counts of people. */
export type AudienceErrorDetails = Readonly<Record<string, string | number | readonly (string | number)[]>>;

/** The one error class of this package: a code from a closed union, a plain-English message, details. */
export class AudienceError extends Error {
  override readonly name = 'AudienceError';
  constructor(
    readonly code: AudienceErrorCode,
    message: string,
    readonly details: AudienceErrorDetails = {},
  ) {
    super(message);
  }
}

/** True when `e` is an {@link AudienceError} (optionally with the given code). */
export function isAudienceError(e: unknown, code?: AudienceErrorCode): e is AudienceError {
  return e instanceof AudienceError && (code === undefined || e.code === code);
}
