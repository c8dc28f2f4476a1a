import { canonicalizeSpec, specHash } from '@parlance/audience';
import {
  apiKeys,
  campaigns,
  type Database,
  organizations,
  savedAudiences,
  type StoredSpec,
} from '@parlance/db';
import { and, eq } from 'drizzle-orm';
import { SCOPES } from '../../context.js';
import type { AudiencePort } from '../../engine/port.js';
import { toPublicError } from '../../errors.js';
import { createMember, organizationBySlug } from '../admin/admin.service.js';
import { demoKeySecret } from '../api-keys/api-key.service.js';

/** The shape of `@parlance/demo`'s DEMO_FIXTURES (the server does not import the demo package). */
export interface DemoFixturesInput {
  readonly organizations: readonly {
    readonly slug: string;
    readonly name: string;
    readonly audiences: readonly { readonly key: string; readonly name: string; readonly spec: StoredSpec }[];
    readonly campaigns: readonly {
      readonly name: string;
      readonly objective: 'AWARENESS' | 'TRAFFIC' | 'CONVERSIONS';
      readonly status: 'DRAFT' | 'ACTIVE' | 'PAUSED';
      readonly budgetType: 'DAILY' | 'LIFETIME';
      readonly budgetAmount: number;
      readonly currency: string;
      readonly cpmBid: number;
      readonly startOffsetDays: number;
      readonly endOffsetDays: number | null;
      readonly audience: string;
    }[];
  }[];
  readonly members: readonly {
    readonly email: string;
    readonly name: string;
    readonly password: string;
    readonly memberships: readonly {
      readonly organization: string;
      readonly role: 'ADMIN' | 'MEMBER' | 'VIEWER';
    }[];
  }[];
  readonly primaryLogin: { readonly email: string; readonly password: string };
}

export interface DemoAccounts {
  login: { email: string; password: string };
  apiKeys: { organization: string; secret: string }[];
  /** Fixture audiences the engine rejects (and campaigns using them), with the reason. */
  skipped: string[];
}

const DEMO_KEY_NAME = 'Demo key';
const day = (now: Date, offset: number) =>
  new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Idempotently creates the demo organisations, members, one deterministic API key per
 * organisation (derived from the noise secret, so it is the same at every start and can be
 * printed), saved audiences and campaigns. Sizing comes from the engine, so call it after
 * the first snapshot is built. Existing rows (matched by slug, email, name) are left alone.
 */
export async function ensureDemoAccounts(
  db: Database,
  fixtures: DemoFixturesInput,
  options: { noiseSecret: string; engine?: AudiencePort | undefined; now?: Date },
): Promise<DemoAccounts> {
  const now = options.now ?? new Date();
  const keys: DemoAccounts['apiKeys'] = [];
  const skipped: string[] = [];
  for (const org of fixtures.organizations) {
    await db.insert(organizations).values({ name: org.name, slug: org.slug }).onConflictDoNothing();
  }
  for (const member of fixtures.members) {
    for (const m of member.memberships) {
      await createMember(db, {
        organizationSlug: m.organization,
        email: member.email,
        name: member.name,
        password: member.password,
        role: m.role,
      });
    }
  }
  for (const fixture of fixtures.organizations) {
    const org = await organizationBySlug(db, fixture.slug);
    const key = demoKeySecret(options.noiseSecret, fixture.slug);
    await db
      .insert(apiKeys)
      .values({
        organizationId: org.id,
        name: DEMO_KEY_NAME,
        prefix: key.prefix,
        secretHash: key.hash,
        scopes: [...SCOPES],
      })
      .onConflictDoNothing();
    keys.push({ organization: fixture.slug, secret: key.secret });

    const audienceIds = new Map<string, string>();
    for (const audience of fixture.audiences) {
      const [existing] = await db
        .select({ id: savedAudiences.id })
        .from(savedAudiences)
        .where(and(eq(savedAudiences.organizationId, org.id), eq(savedAudiences.name, audience.name)))
        .limit(1);
      if (existing) {
        audienceIds.set(audience.key, existing.id);
        continue;
      }
      let sized: Awaited<ReturnType<typeof size>>;
      try {
        sized = await size(options.engine, org.id, audience.spec);
      } catch (error) {
        const pub = toPublicError(error);
        if (pub.masked) throw error;
        skipped.push(`${fixture.slug}/${audience.name}: ${pub.message}`);
        continue;
      }
      const [row] = await db
        .insert(savedAudiences)
        .values({ organizationId: org.id, name: audience.name, spec: audience.spec, ...sized })
        .returning({ id: savedAudiences.id });
      if (row) audienceIds.set(audience.key, row.id);
    }
    for (const campaign of fixture.campaigns) {
      const [existing] = await db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(and(eq(campaigns.organizationId, org.id), eq(campaigns.name, campaign.name)))
        .limit(1);
      const savedAudienceId = audienceIds.get(campaign.audience);
      if (existing || !savedAudienceId) continue;
      const spec = fixture.audiences.find((a) => a.key === campaign.audience)?.spec;
      const sized = spec ? await size(options.engine, org.id, spec) : { sizing: null };
      if (!spec) skipped.push(`${fixture.slug}/${campaign.name}: unknown audience ${campaign.audience}`);
      await db.insert(campaigns).values({
        organizationId: org.id,
        name: campaign.name,
        objective: campaign.objective,
        status: campaign.status,
        budgetType: campaign.budgetType,
        budgetAmount: campaign.budgetAmount,
        currency: campaign.currency,
        cpmBid: campaign.cpmBid,
        startDate: day(now, campaign.startOffsetDays),
        endDate: campaign.endOffsetDays === null ? null : day(now, campaign.endOffsetDays),
        savedAudienceId,
        sizing: sized.sizing,
      });
    }
  }
  return { login: { ...fixtures.primaryLogin }, apiKeys: keys, skipped };
}

async function size(engine: AudiencePort | undefined, orgId: string, spec: StoredSpec) {
  if (!engine?.isReady()) return { specHash: canonicalHash(spec), sizing: null };
  try {
    const e = await engine.estimate(orgId, spec);
    return {
      specHash: e.specHash,
      sizing: {
        belowThreshold: e.belowThreshold,
        lowerBound: e.lowerBound,
        upperBound: e.upperBound,
        snapshotId: e.snapshotId,
        takenAt: new Date().toISOString(),
      },
    };
  } catch (error) {
    if (toPublicError(error).code === 'PRIVACY_BUDGET_EXHAUSTED')
      return { specHash: canonicalHash(spec), sizing: null };
    throw error;
  }
}

function canonicalHash(spec: StoredSpec): string {
  return specHash(
    canonicalizeSpec({
      include: spec.include,
      ...(spec.exclude ? { exclude: spec.exclude } : {}),
      ...(spec.countries ? { countries: spec.countries } : {}),
      ...(spec.ageMin != null ? { ageMin: spec.ageMin } : {}),
      ...(spec.ageMax != null ? { ageMax: spec.ageMax } : {}),
      ...(spec.recencyDays != null ? { recencyDays: spec.recencyDays } : {}),
    }),
  );
}
