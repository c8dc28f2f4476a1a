import type { CombinedError } from 'urql';

/** The closed set of `extensions.code` values the server sends (docs/api.md). */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BELOW_THRESHOLD',
  'SENSITIVE_INTEREST',
  'PRIVACY_BUDGET_EXHAUSTED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  // Apollo's own codes for a request it will not run (too complex, malformed).
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** What the client shows when it could not reach the server at all. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

const MESSAGES: Record<ClientErrorCode, string> = {
  BAD_USER_INPUT: 'Some of the details are not valid. Check the highlighted fields and try again.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to continue.',
  FORBIDDEN: 'Your role in this organisation does not allow this action.',
  NOT_FOUND: 'That item no longer exists, or belongs to another organisation.',
  BELOW_THRESHOLD:
    'This audience is too narrow to estimate or run: it would describe too few people. Widen it by adding interests, countries or ages.',
  SENSITIVE_INTEREST:
    'One of the interests is in a sensitive category and cannot be targeted. Remove it to continue.',
  PRIVACY_BUDGET_EXHAUSTED:
    'Your organisation has used today’s privacy budget for new estimates. Repeated questions still answer; new ones resume tomorrow.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'Parlance is starting up or briefly unavailable. Try again in a few seconds.',
  INTERNAL_SERVER_ERROR:
    'Something went wrong on our side. Try again; if it keeps happening, contact support.',
  GRAPHQL_VALIDATION_FAILED:
    'The server would not run this request (it asked for too much at once, or the page is out of date). Reload the page and try again.',
  BAD_REQUEST: 'The server could not read this request. Reload the page and try again.',
  NETWORK: 'Cannot reach Parlance. Check your connection and try again.',
};

/** Codes whose server message is written for advertisers and may be shown under the plain words. */
const DETAIL_SAFE: ReadonlySet<ClientErrorCode> = new Set(['BAD_USER_INPUT', 'BELOW_THRESHOLD', 'NOT_FOUND']);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export interface ShownError {
  code: ClientErrorCode;
  message: string;
  /** The server's own words, only for codes where they help (never for INTERNAL_SERVER_ERROR). */
  detail?: string;
  retryAfterSeconds?: number;
}

/** The first error's code; unknown codes count as INTERNAL_SERVER_ERROR. Never reads messages. */
export function errorCode(error: CombinedError): ClientErrorCode {
  if (error.networkError && error.graphQLErrors.length === 0) return 'NETWORK';
  const code = error.graphQLErrors[0]?.extensions?.code;
  return isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR';
}

export function hasErrorCode(error: CombinedError | undefined, code: ClientErrorCode): boolean {
  if (!error) return false;
  if (code === 'NETWORK') return errorCode(error) === 'NETWORK';
  return error.graphQLErrors.some((e) => e.extensions?.code === code);
}

export function messageForCode(code: ClientErrorCode): string {
  return MESSAGES[code];
}

/** Plain words for an error, chosen by `extensions.code`. */
export function describeError(error: CombinedError): ShownError {
  const code = errorCode(error);
  const first = error.graphQLErrors[0];
  const shown: ShownError = { code, message: MESSAGES[code] };
  if (first && DETAIL_SAFE.has(code) && first.message) shown.detail = first.message;
  const retry = first?.extensions?.retryAfter ?? first?.extensions?.retryAfterSeconds;
  if (code === 'RATE_LIMITED' && typeof retry === 'number') shown.retryAfterSeconds = Math.ceil(retry);
  return shown;
}

/** Field-level messages from BAD_USER_INPUT errors that name a field (`extensions.field`). */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const field = e.extensions?.field;
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') out[field] = e.message;
  }
  return out;
}
