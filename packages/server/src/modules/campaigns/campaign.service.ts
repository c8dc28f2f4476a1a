import { campaigns, savedAudiences, type StoredSizing, type StoredSpec } from '@parlance/db';
import { and, desc, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import type { AudienceSpecArgs } from '../../engine/port.js';
import { ServerError } from '../../errors.js';
import {
  findAudienceRow,
  sizeSpec,
  toAudienceSpec,
  toSizing,
  toStoredSpec,
} from '../audiences/audience.service.js';
import { requireOrg } from '../auth/auth.checker.js';
import { type Connection, pageSize, requireUuid, toConnection } from '../shared/connection.type.js';
import { olderThanCursor, timeCursorAfter, timeCursorOf } from '../shared/time-cursor.js';
import type { CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs.js';
import { type Campaign, CampaignStatus } from './campaign.type.js';

type CampaignRow = typeof campaigns.$inferSelect;
type SavedAudienceRow = typeof savedAudiences.$inferSelect;

/** Allowed status changes. ENDED is final. */
export const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  DRAFT: [CampaignStatus.ACTIVE, CampaignStatus.ENDED],
  ACTIVE: [CampaignStatus.PAUSED, CampaignStatus.ENDED],
  PAUSED: [CampaignStatus.ACTIVE, CampaignStatus.ENDED],
  ENDED: [],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string, field: string): string {
  if (
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new ServerError('BAD_USER_INPUT', `${field} must be a date as YYYY-MM-DD.`, { field });
  }
  return value;
}

interface CampaignFields {
  name: string;
  objective: string;
  budgetType: 'DAILY' | 'LIFETIME';
  budgetAmount: number;
  currency: string;
  cpmBid: number;
  startDate: string;
  endDate: string | null;
}

/** Field-level validation shared by create and update. */
export function validateFields(f: CampaignFields): CampaignFields {
  const name = f.name.trim();
  if (!name || name.length > 200)
    throw new ServerError('BAD_USER_INPUT', 'name must be 1 to 200 characters.');
  if (!Number.isFinite(f.budgetAmount) || f.budgetAmount <= 0 || f.budgetAmount > 1e10) {
    throw new ServerError('BAD_USER_INPUT', 'budgetAmount must be positive.', { field: 'budgetAmount' });
  }
  if (!Number.isFinite(f.cpmBid) || f.cpmBid <= 0 || f.cpmBid > 10_000) {
    throw new ServerError('BAD_USER_INPUT', 'cpmBid must be positive.', { field: 'cpmBid' });
  }
  const currency = f.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ServerError('BAD_USER_INPUT', 'currency must be an ISO 4217 code such as USD.', {
      field: 'currency',
    });
  }
  checkDate(f.startDate, 'startDate');
  if (f.endDate !== null) {
    checkDate(f.endDate, 'endDate');
    if (f.endDate < f.startDate) throw new ServerError('INVALID_SCHEDULE', 'endDate is before startDate.');
  }
  if (f.budgetType === 'LIFETIME' && f.endDate === null) {
    throw new ServerError('INVALID_SCHEDULE', 'A lifetime budget needs an endDate.');
  }
  return { ...f, name, currency };
}

function toCampaign(row: CampaignRow, audience: SavedAudienceRow | null): Campaign {
  const spec = audience?.spec ?? row.inlineSpec;
  return {
    id: row.id,
    name: row.name,
    objective: row.objective as Campaign['objective'],
    status: row.status as CampaignStatus,
    budgetType: row.budgetType as Campaign['budgetType'],
    budgetAmount: row.budgetAmount,
    currency: row.currency,
    cpmBid: row.cpmBid,
    startDate: row.startDate,
    endDate: row.endDate,
    savedAudience: audience
      ? {
          id: audience.id,
          name: audience.name,
          spec: toAudienceSpec(audience.spec),
          specHash: audience.specHash,
          sizing: toSizing(audience.sizing),
          createdAt: audience.createdAt,
          updatedAt: audience.updatedAt,
        }
      : null,
    spec: toAudienceSpec(spec ?? { include: [] }),
    sizing: toSizing(row.sizing),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Resolves the audience choice (exactly one of saved id or inline spec) within the caller's org. */
async function resolveAudience(
  context: Context,
  organizationId: string,
  input: { savedAudienceId?: string | null; spec?: AudienceSpecArgs | null },
): Promise<{ savedAudienceId: string | null; inlineSpec: StoredSpec | null; spec: StoredSpec }> {
  const hasSaved = input.savedAudienceId != null;
  const hasSpec = input.spec != null;
  if (hasSaved === hasSpec)
    throw new ServerError('BAD_USER_INPUT', 'Give exactly one of savedAudienceId or spec.');
  if (hasSaved) {
    const audience = await findAudienceRow(
      context.services.db,
      organizationId,
      input.savedAudienceId as string,
    );
    return { savedAudienceId: audience.id, inlineSpec: null, spec: audience.spec };
  }
  const spec = toStoredSpec(input.spec as AudienceSpecArgs);
  return { savedAudienceId: null, inlineSpec: spec, spec };
}

export async function createCampaign(context: Context, input: CreateCampaignInput): Promise<Campaign> {
  const organizationId = requireOrg(context);
  const fields = validateFields({
    name: input.name,
    objective: input.objective,
    budgetType: input.budgetType,
    budgetAmount: input.budgetAmount,
    currency: input.currency,
    cpmBid: input.cpmBid,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
  });
  const audience = await resolveAudience(context, organizationId, input);
  const { sizing } = await sizeSpec(context, audience.spec);
  const createdBy = context.principal?.kind === 'MEMBER' ? context.principal.memberId : null;
  const [row] = await context.services.db
    .insert(campaigns)
    .values({
      organizationId,
      ...fields,
      objective: input.objective,
      savedAudienceId: audience.savedAudienceId,
      inlineSpec: audience.inlineSpec,
      sizing,
      createdBy,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return getCampaign(context, row.id);
}

export async function updateCampaign(
  context: Context,
  id: string,
  input: UpdateCampaignInput,
): Promise<Campaign> {
  const organizationId = requireOrg(context);
  const existing = await getCampaignRow(context, id);
  if (existing.status === 'ENDED')
    throw new ServerError('INVALID_TRANSITION', 'An ended campaign cannot change.');
  const fields = validateFields({
    name: input.name ?? existing.name,
    objective: input.objective ?? existing.objective,
    budgetType: input.budgetType ?? existing.budgetType,
    budgetAmount: input.budgetAmount ?? existing.budgetAmount,
    currency: input.currency ?? existing.currency,
    cpmBid: input.cpmBid ?? existing.cpmBid,
    startDate: input.startDate ?? existing.startDate,
    endDate: input.endDate !== undefined ? input.endDate : existing.endDate,
  });
  const patch: Partial<typeof campaigns.$inferInsert> = {
    ...fields,
    objective: fields.objective as CampaignRow['objective'],
    updatedAt: new Date(),
  };
  if (input.savedAudienceId != null || input.spec != null) {
    const audience = await resolveAudience(context, organizationId, input);
    const { sizing } = await sizeSpec(context, audience.spec);
    if (existing.status === 'ACTIVE') assertLaunchable(context, sizing);
    Object.assign(patch, {
      savedAudienceId: audience.savedAudienceId,
      inlineSpec: audience.inlineSpec,
      sizing,
    });
  }
  if (existing.status === 'ACTIVE') assertSchedule(fields.endDate);
  await context.services.db
    .update(campaigns)
    .set(patch)
    .where(and(eq(campaigns.id, existing.id), eq(campaigns.organizationId, organizationId)));
  return getCampaign(context, existing.id);
}

function assertSchedule(endDate: string | null): void {
  const today = new Date().toISOString().slice(0, 10);
  if (endDate !== null && endDate < today)
    throw new ServerError('INVALID_SCHEDULE', 'The campaign has already ended.');
}

function assertLaunchable(context: Context, sizing: StoredSizing | null): void {
  const min = context.services.config.privacy.minLaunchAudience;
  if (!sizing)
    throw new ServerError('ENGINE_NOT_READY', 'The audience cannot be sized right now; retry shortly.');
  if (sizing.belowThreshold || (sizing.lowerBound ?? 0) < min) {
    throw new ServerError(
      'BELOW_LAUNCH_THRESHOLD',
      `A campaign needs an estimated audience of at least ${min} to launch.`,
      {
        minLaunchAudience: min,
      },
    );
  }
}

/** Status change; launching (→ ACTIVE) re-sizes the audience and checks the schedule and the minimum. */
export async function setCampaignStatus(
  context: Context,
  id: string,
  status: CampaignStatus,
): Promise<Campaign> {
  const organizationId = requireOrg(context);
  const existing = await getCampaignRow(context, id);
  const from = existing.status as CampaignStatus;
  if (from === status) return getCampaign(context, existing.id);
  if (!TRANSITIONS[from].includes(status)) {
    throw new ServerError('INVALID_TRANSITION', `A ${from} campaign cannot become ${status}.`, {
      from,
      to: status,
    });
  }
  const patch: Partial<typeof campaigns.$inferInsert> = { status, updatedAt: new Date() };
  if (status === CampaignStatus.ACTIVE) {
    assertSchedule(existing.endDate);
    let spec = existing.inlineSpec;
    if (existing.savedAudienceId) {
      spec = (await findAudienceRow(context.services.db, organizationId, existing.savedAudienceId)).spec;
    }
    if (!spec) throw new ServerError('BAD_USER_INPUT', 'The campaign has no audience.');
    const { sizing } = await sizeSpec(context, spec);
    assertLaunchable(context, sizing);
    patch.sizing = sizing;
  }
  await context.services.db
    .update(campaigns)
    .set(patch)
    .where(and(eq(campaigns.id, existing.id), eq(campaigns.organizationId, organizationId)));
  return getCampaign(context, existing.id);
}

async function getCampaignRow(context: Context, id: string): Promise<CampaignRow> {
  const organizationId = requireOrg(context);
  const campaignId = requireUuid(id, 'Campaign');
  const [row] = await context.services.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.organizationId, organizationId)))
    .limit(1);
  if (!row) throw new ServerError('NOT_FOUND', 'Campaign not found.');
  return row;
}

export async function getCampaign(context: Context, id: string): Promise<Campaign> {
  const organizationId = requireOrg(context);
  const campaignId = requireUuid(id, 'Campaign');
  const [row] = await context.services.db
    .select({ campaign: campaigns, audience: savedAudiences })
    .from(campaigns)
    .leftJoin(savedAudiences, eq(savedAudiences.id, campaigns.savedAudienceId))
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.organizationId, organizationId)))
    .limit(1);
  if (!row) throw new ServerError('NOT_FOUND', 'Campaign not found.');
  return toCampaign(row.campaign, row.audience);
}

export async function listCampaigns(
  context: Context,
  args: { first?: number | null; after?: string | null; status?: CampaignStatus | null },
): Promise<Connection<Campaign>> {
  const organizationId = requireOrg(context);
  const size = pageSize(args.first);
  const cursor = timeCursorAfter(args.after);
  const rows = await context.services.db
    .select({ campaign: campaigns, audience: savedAudiences })
    .from(campaigns)
    .leftJoin(savedAudiences, eq(savedAudiences.id, campaigns.savedAudienceId))
    .where(
      and(
        eq(campaigns.organizationId, organizationId),
        args.status ? eq(campaigns.status, args.status) : undefined,
        olderThanCursor(campaigns.createdAt, campaigns.id, cursor),
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(size + 1);
  return toConnection(
    rows,
    size,
    (r) => timeCursorOf(r.campaign),
    (r) => toCampaign(r.campaign, r.audience),
    cursor !== null,
  );
}
