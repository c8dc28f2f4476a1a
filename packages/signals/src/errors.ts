/**
 * Failures of the ingestion pipeline, as a closed set. Messages name what went wrong and what
 * to do; they never carry chat text, platform user ids or driver messages (the driver error,
 * when there is one, is kept as `cause` for operators and never contains chat text, because
 * chat text is never sent to the database).
 */
export type SignalsErrorCode =
  /** The database could not be reached or went away mid-run; a rerun resumes where it stopped. */
  | 'DB_UNAVAILABLE'
  /** The database refused a write for another reason (schema not migrated, constraint, ...). */
  | 'DB_WRITE_FAILED'
  /** The classifier threw; the batch was rolled back. */
  | 'CLASSIFIER_FAILED'
  /** An input file or stream could not be read. */
  | 'INPUT_UNREADABLE'
  /** An option passed to a signals function is invalid. */
  | 'INVALID_OPTIONS';

export class SignalsError extends Error {
  override readonly name = 'SignalsError';
  constructor(
    readonly code: SignalsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
