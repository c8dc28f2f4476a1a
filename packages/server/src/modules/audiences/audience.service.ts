import { campaigns, type Database, savedAudiences, type StoredSizing, type StoredSpec } from '@parlance/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import type { AudienceSpecArgs } from '../../engine/port.js';
import { ServerError, toPublicError } from '../../errors.js';
import { requireOrg } from '../auth/auth.checker.js';
import * as estimates from '../estimates/estimate.service.js';
import { type Connection, pageSize, requireUuid, toConnection } from '../shared/connection.type.js';
import { olderThanCursor, timeCursorAfter, timeCursorOf } from '../shared/time-cursor.js';
import type { AudienceSizing, AudienceSpec, SavedAudience } from './audience.type.js';

type SavedAudienceRow = typeof savedAudiences.$inferSelect;

export function toStoredSpec(spec: AudienceSpecArgs): StoredSpec {
  const args = estimates.toSpecArgs(spec);
  return args as StoredSpec;
}

export function toAudienceSpec(spec: StoredSpec): AudienceSpec {
  return {
    include: spec.include,
    exclude: spec.exclude ?? [],
    countries: spec.countries ?? [],
    ageMin: spec.ageMin ?? null,
    ageMax: spec.ageMax ?? null,
    recencyDays: spec.recencyDays ?? null,
  };
}

export function toSizing(sizing: StoredSizing | null | undefined): AudienceSizing | null {
  if (!sizing) return null;
  return { ...sizing, takenAt: new Date(sizing.takenAt) };
}

function toSavedAudience(row: SavedAudienceRow): SavedAudience {
  return {
    id: row.id,
    name: row.name,
    spec: toAudienceSpec(row.spec),
    specHash: row.specHash,
    sizing: toSizing(row.sizing),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200)
    throw new ServerError('BAD_USER_INPUT', 'name must be 1 to 200 characters.', { field: 'input.name' });
  return trimmed;
}

/**
 * Validates the spec (the engine throws on sensitive or invalid specs) and takes a sizing.
 * A spent budget or an engine still building leaves the sizing empty rather than failing the save.
 */
export async function sizeSpec(
  context: Context,
  spec: AudienceSpecArgs,
): Promise<{ specHash: string; sizing: StoredSizing | null }> {
  const specHash = context.services.engine.specHash(spec);
  try {
    const e = await estimates.estimate(context, spec);
    return {
      specHash,
      sizing: {
        belowThreshold: e.belowThreshold,
        lowerBound: e.lowerBound,
        upperBound: e.upperBound,
        snapshotId: e.snapshotId,
        takenAt: new Date().toISOString(),
      },
    };
  } catch (error) {
    const code = toPublicError(error).code;
    if (code === 'PRIVACY_BUDGET_EXHAUSTED' || code === 'SERVICE_UNAVAILABLE')
      return { specHash, sizing: null };
    throw error;
  }
}

export async function saveAudience(context: Context, input: { name: string; spec: AudienceSpecArgs }) {
  const organizationId = requireOrg(context);
  const name = checkName(input.name);
  const spec = toStoredSpec(input.spec);
  const { specHash, sizing } = await sizeSpec(context, spec);
  const createdBy = context.principal?.kind === 'MEMBER' ? context.principal.memberId : null;
  const [row] = await context.services.db
    .insert(savedAudiences)
    .values({ organizationId, name, spec, specHash, sizing, createdBy })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toSavedAudience(row);
}

export async function updateAudience(
  context: Context,
  id: string,
  input: { name?: string | null; spec?: AudienceSpecArgs | null },
): Promise<SavedAudience> {
  const existing = await getAudienceRow(context, id);
  const patch: Partial<typeof savedAudiences.$inferInsert> = { updatedAt: new Date() };
  if (input.name != null) patch.name = checkName(input.name);
  if (input.spec) {
    const spec = toStoredSpec(input.spec);
    const { specHash, sizing } = await sizeSpec(context, spec);
    Object.assign(patch, { spec, specHash, sizing });
  }
  const [row] = await context.services.db
    .update(savedAudiences)
    .set(patch)
    .where(
      and(eq(savedAudiences.id, existing.id), eq(savedAudiences.organizationId, existing.organizationId)),
    )
    .returning();
  if (!row) throw new ServerError('NOT_FOUND', 'Audience not found.');
  return toSavedAudience(row);
}

export async function deleteAudience(context: Context, id: string): Promise<string> {
  const existing = await getAudienceRow(context, id);
  const { db } = context.services;
  const [used] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(campaigns)
    .where(
      and(eq(campaigns.savedAudienceId, existing.id), eq(campaigns.organizationId, existing.organizationId)),
    );
  if ((used?.n ?? 0) > 0) {
    throw new ServerError('CONFLICT', 'This audience is used by campaigns; change their audience first.');
  }
  await db
    .delete(savedAudiences)
    .where(
      and(eq(savedAudiences.id, existing.id), eq(savedAudiences.organizationId, existing.organizationId)),
    );
  return existing.id;
}

/** The audience if it belongs to the caller's organisation; NOT_FOUND otherwise (same for guessed ids). */
export async function getAudienceRow(context: Context, id: string): Promise<SavedAudienceRow> {
  const organizationId = requireOrg(context);
  return findAudienceRow(context.services.db, organizationId, id);
}

export async function findAudienceRow(
  db: Database,
  organizationId: string,
  id: string,
): Promise<SavedAudienceRow> {
  const audienceId = requireUuid(id, 'Audience');
  const [row] = await db
    .select()
    .from(savedAudiences)
    .where(and(eq(savedAudiences.id, audienceId), eq(savedAudiences.organizationId, organizationId)))
    .limit(1);
  if (!row) throw new ServerError('NOT_FOUND', 'Audience not found.');
  return row;
}

export async function getAudience(context: Context, id: string): Promise<SavedAudience> {
  return toSavedAudience(await getAudienceRow(context, id));
}

export async function listAudiences(
  context: Context,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<SavedAudience>> {
  const organizationId = requireOrg(context);
  const size = pageSize(args.first);
  const cursor = timeCursorAfter(args.after);
  const rows = await context.services.db
    .select()
    .from(savedAudiences)
    .where(
      and(
        eq(savedAudiences.organizationId, organizationId),
        olderThanCursor(savedAudiences.createdAt, savedAudiences.id, cursor),
      ),
    )
    .orderBy(desc(savedAudiences.createdAt), desc(savedAudiences.id))
    .limit(size + 1);
  return toConnection(rows, size, timeCursorOf, toSavedAudience, cursor !== null);
}
