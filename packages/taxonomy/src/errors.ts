export type TaxonomyErrorCode = 'INVALID_DATE';

/** The one error class of @parlance/taxonomy; branch on `code`, never on the message. */
export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
  constructor(
    readonly code: TaxonomyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
