import { privacyBudgetLedger } from '@parlance/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDayStart } from '@parlance/audience';
import type { Principal } from '../context.js';
import { LedgerBudgetStore } from '../engine/budget-store.js';
import { resolveApiKey } from './api-keys/api-key.service.js';
import { createHarness, type Harness, PASSWORD } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions?.code;

const ESTIMATE = `query($spec: AudienceSpecInput!) { audienceEstimate(spec: $spec) {
  belowThreshold lowerBound upperBound snapshotId privacyBudgetRemaining specHash } }`;
const SAVE = `mutation($input: SaveAudienceInput!) { saveAudience(input: $input) { id name specHash sizing { belowThreshold lowerBound } } }`;
const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status sizing { lowerBound } savedAudience { id } } }`;
const campaignInput = (extra: Record<string, unknown>) => ({
  name: 'Spring',
  objective: 'AWARENESS',
  budgetType: 'DAILY',
  budgetAmount: 100,
  currency: 'usd',
  cpmBid: 5,
  startDate: '2030-01-01',
  ...extra,
});

describe('viewer and auth', () => {
  it('rejects anonymous callers with UNAUTHENTICATED', async () => {
    expect(code(await h.run(null, '{ viewer { kind } }'))).toBe('UNAUTHENTICATED');
    expect(code(await h.run(null, '{ interests { edges { node { id } } } }'))).toBe('UNAUTHENTICATED');
  });

  it('describes a member and a key', async () => {
    const m = await h.run(
      h.orgs.a.admin,
      '{ viewer { kind role organization { slug } member { email } organizations { role } privacyBudgetRemaining } }',
    );
    expect(m.data!.viewer).toMatchObject({
      kind: 'MEMBER',
      role: 'ADMIN',
      organization: { slug: 'acme' },
      member: { email: 'admin@acme.test' },
    });
    const k = await h.run(h.orgs.a.readKey, '{ viewer { kind role member { id } permissions } }');
    expect(k.data!.viewer).toEqual({
      kind: 'API_KEY',
      role: null,
      member: null,
      permissions: ['audiences:read'],
    });
  });

  it('logs in with the right password only, sets a cookie, and logs out', async () => {
    const bad = await h.run(null, 'mutation($i: LoginInput!) { login(input: $i) { viewer { kind } } }', {
      i: { email: 'member@acme.test', password: 'wrong password!' },
    });
    expect(code(bad)).toBe('UNAUTHENTICATED');
    expect(bad.cookies).toEqual([]);
    const ok = await h.run(
      null,
      'mutation($i: LoginInput!) { login(input: $i) { viewer { role organization { slug } } } }',
      {
        i: { email: 'MEMBER@acme.test', password: PASSWORD },
      },
    );
    expect(ok.data!.login).toEqual({ viewer: { role: 'MEMBER', organization: { slug: 'acme' } } });
    expect(ok.cookies[0]).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const out = await h.run(h.orgs.a.member, 'mutation { logout }');
    expect(out.data!.logout).toBe(true);
  });

  it('switches only to organisations the member belongs to', async () => {
    const r = await h.run(
      h.orgs.a.admin,
      'mutation($id: ID!) { switchOrganization(organizationId: $id) { organization { slug } } }',
      {
        id: h.orgs.b.id,
      },
    );
    expect(code(r)).toBe('NOT_FOUND');
  });
});

describe('interests', () => {
  it('browses, searches and paginates without sensitive nodes', async () => {
    const roots = await h.run(
      h.orgs.a.viewer,
      '{ interests(first: 5) { edges { cursor node { id name tier path } } pageInfo { hasNextPage endCursor } } }',
    );
    const conn = roots.data!.interests as {
      edges: { node: { tier: number } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(conn.edges).toHaveLength(5);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const next = await h.run(
      h.orgs.a.viewer,
      'query($a: String) { interests(first: 5, after: $a) { edges { node { id } } pageInfo { hasPreviousPage } } }',
      {
        a: conn.pageInfo.endCursor,
      },
    );
    expect(
      (next.data!.interests as { pageInfo: { hasPreviousPage: boolean } }).pageInfo.hasPreviousPage,
    ).toBe(true);
    const camping = await h.run(
      h.orgs.a.viewer,
      '{ interests(search: "camping") { edges { node { id name sizeRange { lowerBound upperBound } } } } }',
    );
    const edges = (camping.data!.interests as { edges: { node: { id: string; sizeRange: unknown } }[] })
      .edges;
    expect(edges.some((e) => e.node.id === '725')).toBe(true);
    expect(edges.find((e) => e.node.id === '725')?.node.sizeRange).toMatchObject({
      lowerBound: expect.any(Number),
    });
    for (const term of ['health', 'religion', 'politics']) {
      const r = await h.run(
        h.orgs.a.viewer,
        'query($s: String) { interests(search: $s, first: 100) { edges { node { id } } } }',
        { s: term },
      );
      const { isSensitiveInterest } = await import('@parlance/taxonomy');
      for (const e of (r.data!.interests as { edges: { node: { id: string } }[] }).edges)
        expect(isSensitiveInterest(e.node.id)).toBe(false);
    }
    expect(code(await h.run(h.orgs.a.viewer, '{ interests(after: "garbage!") { edges { cursor } } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('lists countries with the region policy', async () => {
    const r = await h.run(h.orgs.a.viewer, '{ countries { code excluded reason } }');
    const countries = r.data!.countries as { code: string; excluded: boolean; reason: string | null }[];
    expect(countries.find((c) => c.code === 'DE')).toMatchObject({ excluded: true });
    expect(countries.find((c) => c.code === 'US')).toMatchObject({ excluded: false, reason: null });
  });
});

describe('estimates, forecasts, insights and the audit log', () => {
  it('answers a range, identically for an equivalent spec, spending ε once', async () => {
    const a = await h.run(h.orgs.a.key, ESTIMATE, {
      spec: { include: [['725', '720']], countries: ['us', 'BR'] },
    });
    const e = a.data!.audienceEstimate as Record<string, unknown>;
    expect(e.belowThreshold).toBe(false);
    expect(e.lowerBound as number).toBeGreaterThan(100);
    const b = await h.run(h.orgs.a.admin, ESTIMATE, {
      spec: { include: [['720', '725', '725']], countries: ['BR', 'US'] },
    });
    const e2 = b.data!.audienceEstimate as Record<string, unknown>;
    expect({ ...e2 }).toEqual({ ...e });
  });

  it('reports below-threshold audiences without a number', async () => {
    const r = await h.run(h.orgs.a.key, ESTIMATE, { spec: { include: [['725']], countries: ['JP'] } });
    expect(r.data!.audienceEstimate).toMatchObject({
      belowThreshold: true,
      lowerBound: null,
      upperBound: null,
    });
  });

  it('rejects sensitive and malformed specs with typed codes', async () => {
    const { INTERESTS } = await import('@parlance/taxonomy');
    const sensitive = INTERESTS.find((i) => i.sensitive !== null);
    const s = await h.run(h.orgs.a.key, ESTIMATE, { spec: { include: [[sensitive?.id]] } });
    expect(code(s)).toBe('SENSITIVE_INTEREST');
    expect(code(await h.run(h.orgs.a.key, ESTIMATE, { spec: { include: [['no-such-id']] } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(await h.run(h.orgs.a.key, ESTIMATE, { spec: { include: [] } }))).toBe('BAD_USER_INPUT');
  });

  it('breaks down with suppressed cells counted, forecasts and gives insights', async () => {
    const r = await h.run(
      h.orgs.a.key,
      `query($spec: AudienceSpecInput!) { audienceEstimate(spec: $spec) {
        breakdown(by: COUNTRY) { key lowerBound upperBound } breakdownSuppressedCells(by: COUNTRY)
        ages: breakdown(by: AGE_BAND) { key } } }`,
      { spec: { include: [['725']] } },
    );
    expect(r.errors).toBeUndefined();
    const est = r.data!.audienceEstimate as {
      breakdown: { key: string; lowerBound: number }[];
      breakdownSuppressedCells: number;
    };
    expect(est.breakdown.length).toBeGreaterThan(0);
    for (const cell of est.breakdown) expect(cell.lowerBound).toBeGreaterThanOrEqual(100);
    expect(est.breakdownSuppressedCells).toBeGreaterThanOrEqual(0);
    const f = await h.run(
      h.orgs.a.key,
      `query($spec: AudienceSpecInput!) { reachForecast(spec: $spec, budget: 5000, cpm: 4, days: 14) {
        belowThreshold impressions reach curve { budget reach } } }`,
      { spec: { include: [['725']] } },
    );
    expect(f.errors).toBeUndefined();
    expect((f.data!.reachForecast as { curve: unknown[] }).curve.length).toBeGreaterThan(0);
    // Every point carries impressions and average frequency; spends never repeat past saturation.
    const saturated = await h.run(
      h.orgs.a.key,
      `query($spec: AudienceSpecInput!) { reachForecast(spec: $spec, budget: 10000000, cpm: 4, days: 1, frequencyCap: 1) {
        curve { budget impressions reach averageFrequency } } }`,
      { spec: { include: [['725']] } },
    );
    expect(saturated.errors).toBeUndefined();
    const curve = (
      saturated.data!.reachForecast as {
        curve: { budget: number; impressions: number; reach: number; averageFrequency: number }[];
      }
    ).curve;
    expect(curve.length).toBeGreaterThan(0);
    expect(new Set(curve.map((p) => p.budget)).size).toBe(curve.length);
    for (const p of curve) {
      expect(p.impressions).toBeGreaterThan(0);
      expect(p.averageFrequency).toBeGreaterThanOrEqual(1);
    }
    const i = await h.run(
      h.orgs.a.key,
      `query($spec: AudienceSpecInput!) { audienceInsights(spec: $spec, first: 3) { interest { id } affinityIndex } }`,
      {
        spec: { include: [['725']] },
      },
    );
    expect(i.errors).toBeUndefined();
    expect(Array.isArray(i.data!.audienceInsights)).toBe(true);
  });

  it('keeps an audit log readable by admins only, per organisation', async () => {
    const r = await h.run(
      h.orgs.a.admin,
      '{ auditLog(first: 50) { edges { node { action actorType specHash epsilonSpent outcome requestId } } } }',
    );
    const nodes = (r.data!.auditLog as { edges: { node: Record<string, unknown> }[] }).edges.map(
      (e) => e.node,
    );
    expect(
      nodes.some((n) => n.action === 'ESTIMATE' && n.outcome === 'OK' && typeof n.specHash === 'string'),
    ).toBe(true);
    expect(nodes.some((n) => n.outcome === 'SENSITIVE_INTEREST')).toBe(true);
    expect(nodes.some((n) => n.action === 'FORECAST')).toBe(true);
    expect(nodes.some((n) => n.action === 'INSIGHTS')).toBe(true);
    expect(code(await h.run(h.orgs.a.member, '{ auditLog { edges { cursor } } }'))).toBe('FORBIDDEN');
    expect(code(await h.run(h.orgs.a.key, '{ auditLog { edges { cursor } } }'))).toBe('FORBIDDEN');
    const b = await h.run(h.orgs.b.admin, '{ auditLog { edges { cursor } } }');
    expect((b.data!.auditLog as { edges: unknown[] }).edges).toHaveLength(0);
  });
});

describe('audiences and campaigns', () => {
  let audienceId: string;
  let smallAudienceId: string;
  it('saves, lists, updates and deletes audiences with sizing', async () => {
    const r = await h.run(h.orgs.a.member, SAVE, {
      input: { name: 'Campers', spec: { include: [['725']] } },
    });
    const saved = r.data!.saveAudience as {
      id: string;
      sizing: { belowThreshold: boolean; lowerBound: number };
    };
    expect(saved.sizing.belowThreshold).toBe(false);
    audienceId = saved.id;
    // The stored spec names its interests; unknown and sensitive ids are omitted.
    const { INTERESTS } = await import('@parlance/taxonomy');
    const sensitive = INTERESTS.find((i) => i.sensitive !== null)!;
    const named = await h.run(
      h.orgs.a.member,
      'query($id: ID!) { audience(id: $id) { spec { include exclude includeInterests { id name } excludeInterests { id name } } } }',
      { id: audienceId },
    );
    expect(named.errors).toBeUndefined();
    expect(named.data!.audience).toMatchObject({
      spec: { includeInterests: [[{ id: '725', name: expect.any(String) }]], excludeInterests: [] },
    });
    const { findInterests } = await import('./interests/interest.service.js');
    expect(findInterests(['725', 'nope', sensitive.id]).map((i) => i.id)).toEqual(['725']);
    const small = await h.run(h.orgs.a.member, SAVE, {
      input: { name: 'Small', spec: { include: [['720']], countries: ['BR'] } },
    });
    smallAudienceId = (small.data!.saveAudience as { id: string }).id;
    const list = await h.run(
      h.orgs.a.viewer,
      '{ audiences(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect((list.data!.audiences as { pageInfo: { hasNextPage: boolean } }).pageInfo.hasNextPage).toBe(true);
    const upd = await h.run(
      h.orgs.a.member,
      'mutation($id: ID!) { updateAudience(id: $id, input: { name: "Happy campers" }) { name } }',
      { id: audienceId },
    );
    expect(upd.data!.updateAudience).toEqual({ name: 'Happy campers' });
    const tmp = await h.run(h.orgs.a.member, SAVE, { input: { name: 'Tmp', spec: { include: [['632']] } } });
    const tmpId = (tmp.data!.saveAudience as { id: string }).id;
    expect(
      (await h.run(h.orgs.a.member, 'mutation($id: ID!) { deleteAudience(id: $id) }', { id: tmpId })).data
        ?.deleteAudience,
    ).toBe(tmpId);
  });

  it('validates campaigns and gates launch on the minimum audience and the schedule', async () => {
    const bad = await h.run(h.orgs.a.member, CREATE_CAMPAIGN, {
      input: campaignInput({ savedAudienceId: audienceId, budgetType: 'LIFETIME' }),
    });
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(code(await h.run(h.orgs.a.member, CREATE_CAMPAIGN, { input: campaignInput({}) }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      code(
        await h.run(h.orgs.a.member, CREATE_CAMPAIGN, {
          input: campaignInput({ savedAudienceId: audienceId, startDate: '2030-02-30' }),
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    const small = await h.run(h.orgs.a.member, CREATE_CAMPAIGN, {
      input: campaignInput({ savedAudienceId: smallAudienceId }),
    });
    const smallId = (small.data!.createCampaign as { id: string }).id;
    const launchSmall = await h.run(
      h.orgs.a.member,
      'mutation($id: ID!) { setCampaignStatus(id: $id, status: ACTIVE) { status } }',
      { id: smallId },
    );
    expect(code(launchSmall)).toBe('BELOW_THRESHOLD');
    const big = await h.run(h.orgs.a.member, CREATE_CAMPAIGN, {
      input: campaignInput({ spec: { include: [['725']] } }),
    });
    const c = big.data!.createCampaign as { id: string; status: string; sizing: { lowerBound: number } };
    expect(c.status).toBe('DRAFT');
    expect(c.sizing.lowerBound).toBeGreaterThanOrEqual(1000);
    const launched = await h.run(
      h.orgs.a.member,
      'mutation($id: ID!) { setCampaignStatus(id: $id, status: ACTIVE) { status } }',
      { id: c.id },
    );
    expect(launched.data!.setCampaignStatus).toEqual({ status: 'ACTIVE' });
    const ended = await h.run(
      h.orgs.a.member,
      'mutation($id: ID!) { setCampaignStatus(id: $id, status: ENDED) { status } }',
      { id: c.id },
    );
    expect(ended.data!.setCampaignStatus).toEqual({ status: 'ENDED' });
    const again = await h.run(
      h.orgs.a.member,
      'mutation($id: ID!) { setCampaignStatus(id: $id, status: ACTIVE) { status } }',
      { id: c.id },
    );
    expect(code(again)).toBe('BAD_USER_INPUT');
    const filtered = await h.run(
      h.orgs.a.viewer,
      '{ campaigns(status: ENDED) { edges { node { id status } } } }',
    );
    expect(
      (filtered.data!.campaigns as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id),
    ).toEqual([c.id]);
    expect(
      code(
        await h.run(h.orgs.a.member, 'mutation($id: ID!) { deleteAudience(id: $id) }', {
          id: smallAudienceId,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('roles and scopes', () => {
  const cases: [string, (o: Harness['orgs']['a']) => Principal, string, string | undefined][] = [
    [
      'viewer cannot save',
      (o) => o.viewer,
      `mutation { saveAudience(input: { name: "x", spec: { include: [["725"]] } }) { id } }`,
      'FORBIDDEN',
    ],
    [
      'member cannot create keys',
      (o) => o.member,
      `mutation { createApiKey(input: { name: "x", scopes: [AUDIENCES_READ] }) { secret } }`,
      'FORBIDDEN',
    ],
    [
      'read key cannot save',
      (o) => o.readKey,
      `mutation { saveAudience(input: { name: "x", spec: { include: [["725"]] } }) { id } }`,
      'FORBIDDEN',
    ],
    ['read key cannot read campaigns', (o) => o.readKey, '{ campaigns { edges { cursor } } }', 'FORBIDDEN'],
    [
      'read key cannot get insights',
      (o) => o.readKey,
      '{ audienceInsights(spec: { include: [["725"]] }) { affinityIndex } }',
      'FORBIDDEN',
    ],
    [
      'read key can estimate',
      (o) => o.readKey,
      '{ audienceEstimate(spec: { include: [["725"]] }) { belowThreshold } }',
      undefined,
    ],
    ['viewer can read campaigns', (o) => o.viewer, '{ campaigns { edges { cursor } } }', undefined],
  ];
  it.each(cases)('%s', async (_name, who, query, expected) => {
    expect(code(await h.run(who(h.orgs.a), query))).toBe(expected);
  });

  it('shows a key secret once and revokes at once', async () => {
    const r = await h.run(
      h.orgs.a.admin,
      `mutation { createApiKey(input: { name: "ci", scopes: [AUDIENCES_READ, CAMPAIGNS_READ] }) { secret apiKey { id prefix scopes } } }`,
    );
    const { secret, apiKey } = r.data!.createApiKey as {
      secret: string;
      apiKey: { id: string; prefix: string; scopes: string[] };
    };
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.scopes).toEqual(['AUDIENCES_READ', 'CAMPAIGNS_READ']);
    const list = await h.run(h.orgs.a.admin, '{ apiKeys { edges { node { id prefix } } } }');
    expect(JSON.stringify(list.data)).not.toContain(secret);
    expect(await resolveApiKey(h.handle.db, secret)).not.toBeNull();
    const revoked = await h.run(
      h.orgs.a.admin,
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: apiKey.id },
    );
    expect((revoked.data!.revokeApiKey as { revokedAt: string }).revokedAt).toBeTruthy();
    expect(await resolveApiKey(h.handle.db, secret)).toBeNull();
  });
});

describe('tenancy matrix: organisation B never reads or writes A', () => {
  it('by listing and by guessed ids', async () => {
    const a = h.orgs.a;
    const b = h.orgs.b;
    const aud = await h.run(a.key, '{ audiences { edges { node { id } } } }');
    const aAudience = (aud.data!.audiences as { edges: { node: { id: string } }[] }).edges[0]?.node
      .id as string;
    const camp = await h.run(a.key, '{ campaigns { edges { node { id } } } }');
    const aCampaign = (camp.data!.campaigns as { edges: { node: { id: string } }[] }).edges[0]?.node
      .id as string;
    const keys = await h.run(a.admin, '{ apiKeys { edges { node { id } } } }');
    const aKey = (keys.data!.apiKeys as { edges: { node: { id: string } }[] }).edges[0]?.node.id as string;
    for (const who of [b.admin, b.member, b.key]) {
      const lists = await h.run(
        who,
        '{ audiences { edges { node { id } } } campaigns { edges { node { id } } } }',
      );
      expect(JSON.stringify(lists.data)).not.toContain(aAudience);
      expect(JSON.stringify(lists.data)).not.toContain(aCampaign);
      const ops: [string, Record<string, unknown>][] = [
        ['query($id: ID!) { audience(id: $id) { id } }', { id: aAudience }],
        ['query($id: ID!) { campaign(id: $id) { id } }', { id: aCampaign }],
        [
          'mutation($id: ID!) { updateAudience(id: $id, input: { name: "pwned" }) { id } }',
          { id: aAudience },
        ],
        ['mutation($id: ID!) { deleteAudience(id: $id) }', { id: aAudience }],
        [
          'mutation($id: ID!) { updateCampaign(id: $id, input: { name: "pwned" }) { id } }',
          { id: aCampaign },
        ],
        ['mutation($id: ID!) { setCampaignStatus(id: $id, status: ENDED) { id } }', { id: aCampaign }],
        [
          `mutation($id: ID!) { createCampaign(input: { name: "x", objective: AWARENESS, budgetType: DAILY, budgetAmount: 1, currency: "USD", cpmBid: 1, startDate: "2030-01-01", savedAudienceId: $id }) { id } }`,
          { id: aAudience },
        ],
      ];
      if ((who.kind === 'MEMBER' && who.role === 'ADMIN') || who.kind === 'API_KEY') {
        ops.push(['mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: aKey }]);
      }
      for (const [query, variables] of ops) {
        const r = await h.run(who, query, variables);
        expect(code(r), query).toBe(
          who.kind === 'MEMBER' && who.role === 'MEMBER' && query.includes('revoke')
            ? 'FORBIDDEN'
            : 'NOT_FOUND',
        );
      }
      expect(code(await h.run(who, '{ audience(id: "not-a-uuid") { id } }'))).toBe('NOT_FOUND');
      expect(code(await h.run(who, '{ campaign(id: "00000000-0000-0000-0000-000000000000") { id } }'))).toBe(
        'NOT_FOUND',
      );
    }
    const still = await h.run(a.key, 'query($id: ID!) { audience(id: $id) { name } }', { id: aAudience });
    expect((still.data!.audience as { name: string }).name).not.toBe('pwned');
    expect(await resolveApiKey(h.handle.db, a.keySecret)).not.toBeNull();
  });
});

describe('privacy budget', () => {
  it('reports PRIVACY_BUDGET_EXHAUSTED, while repeats stay free', async () => {
    const b = h.orgs.b;
    const first = await h.run(b.key, ESTIMATE, { spec: { include: [['672']] } });
    expect(first.errors).toBeUndefined();
    // Another server process spends everything that this one has not reserved.
    const other = new LedgerBudgetStore(h.handle);
    const window = utcDayStart(new Date());
    const limit = h.config.privacy.dailyBudget;
    const rest = await other.remaining(b.id, window, limit);
    expect(await other.spend(b.id, window, 'test:fill', rest, limit)).toMatchObject({ charged: true });
    await other.close();
    const repeat = await h.run(b.key, ESTIMATE, { spec: { include: [['672']] } });
    expect(repeat.errors).toBeUndefined();
    // This process may still spend what it had reserved, then it is refused: never over the limit.
    let refused: string | undefined;
    for (let i = 1; i <= 20 && refused === undefined; i++) {
      const fresh = await h.run(b.key, ESTIMATE, { spec: { include: [['633']], ageMin: 18 + i } });
      refused = code(fresh) as string | undefined;
    }
    expect(refused).toBe('PRIVACY_BUDGET_EXHAUSTED');
    const [spent] = await h.handle.db
      .select({ sum: sql<number>`sum(${privacyBudgetLedger.epsilon})::float8` })
      .from(privacyBudgetLedger)
      .where(eq(privacyBudgetLedger.organizationId, b.id));
    expect(Number(spent?.sum)).toBeLessThanOrEqual(limit + 1e-9);
    const viewer = await h.run(b.admin, '{ viewer { privacyBudgetRemaining } }');
    // What is left (if anything) is less than one answer's ε.
    const left = (viewer.data!.viewer as { privacyBudgetRemaining: number }).privacyBudgetRemaining;
    expect(left).toBeLessThan(h.config.privacy.epsilon);
    const a = await h.run(h.orgs.a.admin, '{ viewer { privacyBudgetRemaining } }');
    expect((a.data!.viewer as { privacyBudgetRemaining: number }).privacyBudgetRemaining).toBeGreaterThan(0);
  });
});
