import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../context.js';
import type { Database } from '@parlance/db';
import { isConnectionError } from '@parlance/db';
import { publicGraphQLError } from '../errors.js';
import { resolveApiKey } from '../modules/api-keys/api-key.service.js';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/auth.service.js';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      if (name) cookies.set(name, decodeURIComponent(value));
    } catch {
      // a malformed cookie value is ignored, as browsers do
    }
  }
  return cookies;
}

/**
 * Who is calling: a bearer API key (an invalid or revoked key is refused outright, 401), else
 * the session cookie (an expired cookie just means anonymous). A database that went away is a
 * 503 SERVICE_UNAVAILABLE, never a 500.
 */
export async function authenticate(
  db: Database,
  req: Pick<IncomingMessage, 'headers'>,
  ping: () => Promise<void>,
): Promise<Principal | null> {
  try {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match?.[1] ? await resolveApiKey(db, match[1]) : null;
      if (!principal) {
        throw publicGraphQLError('UNAUTHENTICATED', 'The API key is invalid or revoked.', {
          status: 401,
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
      return principal;
    }
    const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return token ? await resolveSession(db, token) : null;
  } catch (error) {
    if ((error as { name?: unknown }).name === 'GraphQLError') throw error;
    if (
      isConnectionError(error) ||
      !(await ping().then(
        () => true,
        () => false,
      ))
    ) {
      throw publicGraphQLError(
        'SERVICE_UNAVAILABLE',
        'The service is temporarily unavailable; retry shortly.',
        {
          status: 503,
          headers: { 'retry-after': '5' },
        },
      );
    }
    throw error;
  }
}

/** Per-key, per-session and (for anonymous callers, e.g. login) per-IP request limits. */
export class RateLimits {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly pointsPerMinute: number) {
    this.limiter = new RateLimiterMemory({ points: pointsPerMinute, duration: 60 });
  }

  static keyOf(principal: Principal | null, ip: string | undefined): string {
    if (principal?.kind === 'API_KEY') return `key:${principal.keyId}`;
    if (principal?.kind === 'MEMBER') return `session:${principal.sessionId}`;
    return `ip:${ip ?? 'unknown'}`;
  }

  /** Spends one request; throws RATE_LIMITED (429, Retry-After) when none is left. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key, 1);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw publicGraphQLError('RATE_LIMITED', `Too many requests; retry in ${retryAfter} s.`, {
        status: 429,
        headers: { 'retry-after': String(retryAfter) },
        extensions: { retryAfter },
      });
    }
  }
}
