import { createHmac, randomBytes } from 'node:crypto';
import { apiKeys, type Database } from '@parlance/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Context, type Principal, SCOPES, type Scope } from '../../context.js';
import { ServerError } from '../../errors.js';
import { requireOrg } from '../auth/auth.checker.js';
import { sha256 } from '../auth/auth.service.js';
import { type Connection, pageSize, requireUuid, toConnection } from '../shared/connection.type.js';
import { olderThanCursor, timeCursorAfter, timeCursorOf } from '../shared/time-cursor.js';
import type { ApiKey, ApiKeyScope } from './api-key.type.js';

const KEY_PREFIX = 'plk_';
/** Write `last_used_at` at most this often per key. */
export const LAST_USED_THROTTLE_MS = 60_000;

type ApiKeyRow = typeof apiKeys.$inferSelect;

/** `plk_` + 32 random bytes (base64url). `secretBytes` lets the demo derive a stable key. */
export function generateKeySecret(secretBytes: Buffer = randomBytes(32)): {
  secret: string;
  prefix: string;
  hash: string;
} {
  const secret = `${KEY_PREFIX}${secretBytes.toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 12), hash: sha256(secret) };
}

/** The demo key of an organisation: derived from the noise secret, so it can be printed at every start. */
export function demoKeySecret(noiseSecret: string, slug: string) {
  return generateKeySecret(createHmac('sha256', noiseSecret).update(`demo-api-key:${slug}`).digest());
}

export function parseScopes(scopes: readonly string[]): Scope[] {
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new ServerError(
      'BAD_USER_INPUT',
      `Unknown scope(s): ${unknown.join(', ')}. Known: ${SCOPES.join(', ')}.`,
    );
  }
  if (scopes.length === 0)
    throw new ServerError('BAD_USER_INPUT', 'A key needs at least one scope.', {
      field: 'input.scopes',
    });
  return [...new Set(scopes as Scope[])].sort();
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** Inserts a key for an organisation; used by the API, the CLI and the demo bootstrap. */
export async function insertApiKey(
  db: Database,
  values: { organizationId: string; name: string; scopes: readonly string[]; createdBy?: string | null },
  secretBytes?: Buffer,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const name = values.name.trim();
  if (!name || name.length > 100)
    throw new ServerError('BAD_USER_INPUT', 'name must be 1 to 100 characters.', { field: 'input.name' });
  const scopes = parseScopes(values.scopes);
  const { secret, prefix, hash } = generateKeySecret(secretBytes);
  const [row] = await db
    .insert(apiKeys)
    .values({
      organizationId: values.organizationId,
      name,
      prefix,
      secretHash: hash,
      scopes,
      createdBy: values.createdBy ?? null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { apiKey: toApiKey(row), secret };
}

export function createApiKey(context: Context, input: { name: string; scopes: readonly string[] }) {
  const organizationId = requireOrg(context);
  const createdBy = context.principal?.kind === 'MEMBER' ? context.principal.memberId : null;
  return insertApiKey(context.services.db, {
    organizationId,
    name: input.name,
    scopes: input.scopes,
    createdBy,
  });
}

export async function revokeApiKey(context: Context, id: string): Promise<ApiKey> {
  const organizationId = requireOrg(context);
  const keyId = requireUuid(id, 'API key');
  const { db } = context.services;
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)))
    .returning();
  if (!row) throw new ServerError('NOT_FOUND', 'API key not found.');
  forgetApiKey(row.id);
  return toApiKey(row);
}

export async function listApiKeys(
  context: Context,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<ApiKey>> {
  const organizationId = requireOrg(context);
  const size = pageSize(args.first);
  const cursor = timeCursorAfter(args.after);
  const rows = await context.services.db
    .select()
    .from(apiKeys)
    .where(
      and(eq(apiKeys.organizationId, organizationId), olderThanCursor(apiKeys.createdAt, apiKeys.id, cursor)),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(size + 1);
  return toConnection(rows, size, timeCursorOf, toApiKey, cursor !== null);
}

/**
 * Verified keys, by secret hash, for a few seconds: saves a database round trip per request.
 * Revoking through this process evicts the key at once (`forgetApiKey`); a revocation written
 * by another process is seen within `KEY_CACHE_MS`.
 */
export const KEY_CACHE_MS = 5_000;
/** Bound on cached keys (cleared wholesale when reached: a miss only costs one lookup). */
const KEY_CACHE_MAX = 10_000;
const keyCache = new Map<string, { principal: Principal; at: number }>();

export function forgetApiKey(keyId: string): void {
  for (const [hash, entry] of keyCache) {
    if (entry.principal.kind === 'API_KEY' && entry.principal.keyId === keyId) keyCache.delete(hash);
  }
}

/**
 * The principal behind a bearer key, or null when unknown or revoked. `last_used_at` is
 * written at most once a minute.
 */
export async function resolveApiKey(db: Database, secret: string): Promise<Principal | null> {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const hash = sha256(secret);
  const cached = keyCache.get(hash);
  if (cached && Date.now() - cached.at < KEY_CACHE_MS) return cached.principal;
  const [row] = await db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) {
    keyCache.delete(hash);
    return null;
  }
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_THROTTLE_MS) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
  }
  const principal: Principal = {
    kind: 'API_KEY',
    keyId: row.id,
    organizationId: row.organizationId,
    scopes: row.scopes as Scope[],
  };
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
  keyCache.set(hash, { principal, at: Date.now() });
  return principal;
}
