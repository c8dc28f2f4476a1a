import { type DbHandle, organizations } from '@parlance/db';
import { createTestDb } from '@parlance/db/testing';
import type { ApolloServer } from '@apollo/server';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { type Config, loadConfig } from '../config.js';
import type { Context, Principal, Services } from '../context.js';
import { createAudiencePort } from '../engine/adapter.js';
import { LedgerBudgetStore } from '../engine/budget-store.js';
import type { AudiencePort } from '../engine/port.js';
import { createMetrics } from '../http/metrics.js';
import { createApollo } from '../main.js';
import { createApiKeyForOrg, createMember, createOrganization } from '../modules/admin/admin.service.js';
import { resolveApiKey } from '../modules/api-keys/api-key.service.js';
import { AuditWriter } from '../modules/audit/audit.service.js';
import { createSession, resolveSession } from '../modules/auth/auth.service.js';
import { SyntheticLoader } from './fake-loader.js';

export const NOISE_SECRET = 'test-noise-secret-0123456789abcdef0123456789';
export const PASSWORD = 'correct horse battery staple';

export interface OrgFixture {
  id: string;
  slug: string;
  admin: Principal;
  member: Principal;
  viewer: Principal;
  /** Every scope. */
  key: Principal;
  keySecret: string;
  /** audiences:read only. */
  readKey: Principal;
  readKeySecret: string;
}

export interface Harness {
  handle: DbHandle;
  config: Config;
  engine: AudiencePort;
  services: Services;
  apollo: ApolloServer<Context>;
  orgs: { a: OrgFixture; b: OrgFixture };
  /** Runs an operation in-process as `principal`; returns data and errors (formatted). */
  run(
    principal: Principal | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: Record<string, unknown> | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
    cookies: string[];
  }>;
  close(): Promise<void>;
}

export const TEST_ENV = {
  PARLANCE_LOG_LEVEL: 'silent',
  PARLANCE_SNAPSHOT_INTERVAL_SECONDS: '3600',
} as const;

async function seedOrg(handle: DbHandle, slug: string): Promise<OrgFixture> {
  const db = handle.db;
  const org = await createOrganization(db, { name: `Org ${slug}`, slug });
  const principals: Record<string, Principal> = {};
  for (const role of ['ADMIN', 'MEMBER', 'VIEWER'] as const) {
    const { member } = await createMember(db, {
      organizationSlug: slug,
      email: `${role.toLowerCase()}@${slug}.test`,
      name: `${role} of ${slug}`,
      password: PASSWORD,
      role,
    });
    const { token } = await createSession(db, member.id, org.id);
    const principal = await resolveSession(db, token);
    if (!principal) throw new Error('session did not resolve');
    principals[role] = principal;
  }
  const all = await createApiKeyForOrg(db, {
    organizationSlug: slug,
    name: 'all',
    scopes: [
      'audiences:read',
      'audiences:write',
      'campaigns:read',
      'campaigns:write',
      'insights:read',
      'keys:admin',
    ],
  });
  const read = await createApiKeyForOrg(db, {
    organizationSlug: slug,
    name: 'read',
    scopes: ['audiences:read'],
  });
  const key = await resolveApiKey(db, all.secret);
  const readKey = await resolveApiKey(db, read.secret);
  if (!key || !readKey) throw new Error('key did not resolve');
  return {
    id: org.id,
    slug,
    admin: principals.ADMIN as Principal,
    member: principals.MEMBER as Principal,
    viewer: principals.VIEWER as Principal,
    key,
    keySecret: all.secret,
    readKey,
    readKeySecret: read.secret,
  };
}

/** A migrated test DB, an engine over a synthetic population, two seeded organisations, Apollo in-process. */
export async function createHarness(
  options: { users?: number; env?: Record<string, string> } = {},
): Promise<Harness> {
  const handle = await createTestDb();
  const config = loadConfig({ ...TEST_ENV, ...options.env });
  const engine = createAudiencePort({
    config,
    noiseSecret: NOISE_SECRET,
    loader: new SyntheticLoader(options.users ?? 20_000),
    budgetStore: new LedgerBudgetStore(handle),
  });
  await engine.whenReady();
  const logger = pino({ level: 'silent' });
  const services: Services = {
    config,
    db: handle.db,
    engine,
    logger,
    metrics: createMetrics(() => engine.snapshot()),
    audit: new AuditWriter(handle.db),
    noiseSecret: NOISE_SECRET,
    pingDatabase: () => handle.ping(),
  };
  const apollo = await createApollo(services);
  await apollo.start();
  const orgs = { a: await seedOrg(handle, 'acme'), b: await seedOrg(handle, 'globex') };
  let counter = 0;
  return {
    handle,
    config,
    engine,
    services,
    apollo,
    orgs,
    async run(principal, query, variables) {
      const cookies: string[] = [];
      const contextValue: Context = {
        requestId: `test-${++counter}`,
        principal,
        services,
        logger,
        cookies: {
          setSession: (token) => cookies.push(token),
          clearSession: () => cookies.push(''),
        },
      };
      const response = await apollo.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = response.body.singleResult;
      return {
        ...(data !== undefined ? { data: data as Record<string, unknown> | null } : {}),
        ...(errors ? { errors: errors as { message: string; extensions?: Record<string, unknown> }[] } : {}),
        cookies,
      };
    },
    async close() {
      await apollo.stop();
      await services.audit.close();
      await engine.stop();
      await handle.close();
    },
  };
}

export async function orgIdBySlug(handle: DbHandle, slug: string): Promise<string | undefined> {
  const [row] = await handle.db.select().from(organizations).where(eq(organizations.slug, slug));
  return row?.id;
}
