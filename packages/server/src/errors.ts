import { unwrapResolverError } from '@apollo/server/errors';
import { type DbErrorCode, isConnectionError } from '@parlance/db';
import type { AudienceErrorCode } from '@parlance/audience';
import type { SignalsErrorCode } from '@parlance/signals';
import type { TaxonomyErrorCode } from '@parlance/taxonomy';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The closed set of error codes a client can see in `extensions.code`. Clients branch on these,
 * never on messages. Every domain error code maps to exactly one of them in `DOMAIN_CODE_MAP`.
 */
export const PUBLIC_ERROR_CODES = [
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
] as const;
export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

/**
 * Protocol-level codes Apollo Server itself produces before any resolver runs (parse and
 * validation failures, persisted-query misses). They pass through unchanged, with their message.
 */
export const PROTOCOL_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** The server's own domain codes (auth, tenancy, input, limits). */
export type ServerErrorCode =
  | 'BAD_USER_INPUT'
  | 'DATABASE_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BELOW_LAUNCH_THRESHOLD'
  | 'INVALID_SCHEDULE'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'ENGINE_NOT_READY'
  | 'QUERY_TOO_COMPLEX';

/** Errors the server raises itself. Private to the server: clients see only the public code. */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const SERVER_CODE_MAP: Record<ServerErrorCode, PublicErrorCode> = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  DATABASE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'BAD_USER_INPUT',
  BELOW_LAUNCH_THRESHOLD: 'BELOW_THRESHOLD',
  INVALID_SCHEDULE: 'BAD_USER_INPUT',
  INVALID_TRANSITION: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
  ENGINE_NOT_READY: 'SERVICE_UNAVAILABLE',
  QUERY_TOO_COMPLEX: 'BAD_USER_INPUT',
};

/** What a client may learn about an error: a public code, a safe message, safe details. */
export interface PublicError {
  code: PublicErrorCode;
  message: string;
  extensions: Record<string, unknown>;
  /** True when the message was replaced because the original must not leak. */
  masked: boolean;
}

const PUBLIC_MESSAGES: Record<PublicErrorCode, string> = {
  BAD_USER_INPUT: 'The request is invalid.',
  UNAUTHENTICATED: 'Sign in or send a valid API key.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Not found.',
  BELOW_THRESHOLD: 'The audience is too small to report or use.',
  SENSITIVE_INTEREST: 'Sensitive interests cannot be targeted.',
  PRIVACY_BUDGET_EXHAUSTED: "Your organisation's privacy budget for today is spent.",
  RATE_LIMITED: 'Too many requests; retry later.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable; retry shortly.',
  INTERNAL_SERVER_ERROR: 'Internal server error.',
};

interface CodedError {
  name: string;
  code: string;
  message: string;
  details?: unknown;
}

function codedError(error: unknown, name: string): CodedError | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  return error.name === name && typeof code === 'string' ? (error as unknown as CodedError) : null;
}

function safeDetails(details: unknown): Record<string, unknown> {
  if (!details || typeof details !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (['string', 'number', 'boolean'].includes(typeof value) || Array.isArray(value)) out[key] = value;
  }
  return out;
}

/**
 * The one exhaustive mapping from any thrown value to what a client sees. Domain errors keep
 * their (authored, safe) message and expose their domain code as `extensions.reason`; anything
 * unrecognised, including driver errors, becomes a masked INTERNAL_SERVER_ERROR.
 */
export function toPublicError(thrown: unknown): PublicError {
  const error = unwrapResolverError(thrown);
  const server = error instanceof ServerError ? error : null;
  if (server) {
    const code = SERVER_CODE_MAP[server.code];
    return {
      code,
      message: server.message,
      extensions: {
        ...(server.code !== code ? { reason: server.code } : {}),
        ...safeDetails(server.details),
      },
      masked: false,
    };
  }
  for (const [name, table] of DOMAIN_TABLES) {
    const domain = codedError(error, name);
    if (!domain) continue;
    const code = (table as Record<string, PublicErrorCode>)[domain.code] ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
      return { code, message: PUBLIC_MESSAGES[code], extensions: { reason: domain.code }, masked: true };
    }
    return {
      code,
      message: domain.message,
      extensions: {
        ...(domain.code !== code ? { reason: domain.code } : {}),
        ...safeDetails(domain.details),
      },
      masked: false,
    };
  }
  if (isConnectionError(error)) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: PUBLIC_MESSAGES.SERVICE_UNAVAILABLE,
      extensions: {},
      masked: true,
    };
  }
  return {
    code: 'INTERNAL_SERVER_ERROR',
    message: PUBLIC_MESSAGES.INTERNAL_SERVER_ERROR,
    extensions: {},
    masked: true,
  };
}

const PROTOCOL = new Set<string>(PROTOCOL_ERROR_CODES);

/**
 * Apollo's `formatError`: the single shaping point. Protocol errors (parse, validation, APQ)
 * pass through; a GraphQLError we built ourselves (context, limits) keeps its public code;
 * everything else goes through `toPublicError`. Never a stack trace, never a driver message.
 */
export function formatError(formatted: GraphQLFormattedError, thrown: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(thrown);
  // Errors outside resolvers (no path) carrying a protocol or public code come from Apollo
  // (parse, validation, APQ, variable coercion) or from our context and limits: keep them.
  if (
    typeof code === 'string' &&
    code !== 'INTERNAL_SERVER_ERROR' &&
    !formatted.path &&
    (PROTOCOL.has(code) || isPublicCode(code))
  ) {
    const { stacktrace: _s, exception: _e, ...rest } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...rest, code } };
  }
  // Apollo raises a few request errors without a code but with a 4xx status (a persisted query
  // whose sha256 does not match its text): a protocol error, typed BAD_REQUEST, message kept.
  if (!formatted.path && isCodelessApolloRequestError(original)) {
    return {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'BAD_REQUEST' },
    };
  }
  const pub = toPublicError(original);
  return {
    message: pub.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...pub.extensions, code: pub.code },
  };
}

/** A GraphQLError Apollo built for a bad request: no code of its own, no cause, an HTTP 4xx status. */
function isCodelessApolloRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code !== undefined) {
    return false;
  }
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function isPublicCode(code: string): code is PublicErrorCode {
  return (PUBLIC_ERROR_CODES as readonly string[]).includes(code);
}

/** A GraphQLError with a public code, for places outside resolvers (context, plugins). */
export function publicGraphQLError(
  code: PublicErrorCode,
  message: string,
  options: { status?: number; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): GraphQLError {
  const headers = new Map(Object.entries(options.headers ?? {}));
  return new GraphQLError(message, {
    extensions: {
      code,
      ...options.extensions,
      ...(options.status ? { http: { status: options.status, headers } } : {}),
    },
  });
}

const DB_CODE_MAP: Record<DbErrorCode, PublicErrorCode> = {
  DB_BAD_URL: 'INTERNAL_SERVER_ERROR',
  DB_MIGRATION_FAILED: 'INTERNAL_SERVER_ERROR',
  DB_UNREACHABLE: 'SERVICE_UNAVAILABLE',
  DB_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

const AUDIENCE_CODE_MAP: Record<AudienceErrorCode, PublicErrorCode> = {
  INVALID_SPEC: 'BAD_USER_INPUT',
  EMPTY_SPEC: 'BAD_USER_INPUT',
  CONTRADICTORY_SPEC: 'BAD_USER_INPUT',
  UNKNOWN_INTEREST: 'BAD_USER_INPUT',
  SENSITIVE_INTEREST: 'SENSITIVE_INTEREST',
  UNKNOWN_COUNTRY: 'BAD_USER_INPUT',
  EXCLUDED_COUNTRY: 'BAD_USER_INPUT',
  SPEC_TOO_COMPLEX: 'BAD_USER_INPUT',
  INVALID_AGE_RANGE: 'BAD_USER_INPUT',
  INVALID_RECENCY: 'BAD_USER_INPUT',
  INVALID_ARGUMENT: 'BAD_USER_INPUT',
  PRIVACY_BUDGET_EXHAUSTED: 'PRIVACY_BUDGET_EXHAUSTED',
  NOT_READY: 'SERVICE_UNAVAILABLE',
};

const SIGNALS_CODE_MAP: Record<SignalsErrorCode, PublicErrorCode> = {
  DB_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  DB_WRITE_FAILED: 'INTERNAL_SERVER_ERROR',
  CLASSIFIER_FAILED: 'INTERNAL_SERVER_ERROR',
  INPUT_UNREADABLE: 'BAD_USER_INPUT',
  INVALID_OPTIONS: 'INTERNAL_SERVER_ERROR',
};

const TAXONOMY_CODE_MAP: Record<TaxonomyErrorCode, PublicErrorCode> = {
  INVALID_DATE: 'BAD_USER_INPUT',
};

/** Error class name → exhaustive code table. A new domain code fails the type check until mapped. */
const DOMAIN_TABLES: ReadonlyArray<readonly [string, Record<string, PublicErrorCode>]> = [
  ['AudienceError', AUDIENCE_CODE_MAP],
  ['DbError', DB_CODE_MAP],
  ['SignalsError', SIGNALS_CODE_MAP],
  ['TaxonomyError', TAXONOMY_CODE_MAP],
];
