export type ClassifierErrorCode = 'LEXICON_INVALID';

/** Raised when a lexicon file cannot be compiled; branch on `code`. */
export class ClassifierError extends Error {
  override readonly name = 'ClassifierError';
  constructor(
    readonly code: ClassifierErrorCode,
    message: string,
  ) {
    super(message);
  }
}
