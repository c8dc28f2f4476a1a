/**
 * Attack 7, tracker / many narrow queries: triangulate a person with many distinct specs, each
 * harmless alone. Defence: a per-organisation privacy budget (ε per distinct answer, repeats free),
 * a typed PRIVACY_BUDGET_EXHAUSTED error (not a 500, no number), and an audit-log entry for every
 * request, readable by the organisation's admins and nobody else.
 *
 * The daily budget is lowered to 2 (20 answers at ε = 0.1) via PARLANCE_DAILY_BUDGET so the test
 * reaches exhaustion quickly; k stays at its default.
 */
import { listCountries } from '@parlance/taxonomy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTIMATE, type Estimate, numbersIn } from '../support/audience.js';
import { errorCodes, type GraphQLResponse, graphqlClient } from '../support/graphql.js';
import { pickProbes } from '../support/interests.js';
import { crowd, type PlantedUser, plantUsers, type Spec } from '../support/population.js';
import { createTestEnvironment, type RunningServer, type TestEnvironment } from '../support/server.js';
import { createMember, createTenant, type Tenant } from '../support/tenants.js';

const DAILY_BUDGET = 2;
const ATTEMPTS = 40;

const AUDIT = /* GraphQL */ `
  query Audit($first: Int, $after: String) {
    auditLog(first: $first, after: $after) {
      edges { node { id actorType actorId action specHash epsilonSpent outcome requestId createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface AuditPage {
  auditLog: { edges: { node: AuditNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

interface AuditNode {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  specHash: string | null;
  epsilonSpent: number;
  outcome: string;
}

describe('attack 7: tracker built from many distinct narrow specs', () => {
  const { probes, byId } = pickProbes(3);
  const [A, B, F] = probes.map((p) => p.id) as [string, string, string];
  const users: PlantedUser[] = [
    ...crowd('a', 150, { country: 'US', birthYear: 1985, interests: [A] }),
    ...crowd('ab', 40, { country: 'CA', birthYear: 1985, interests: [A, B] }),
    ...crowd('f', 120, { country: 'US', birthYear: 1985, interests: [F] }),
    { id: 'victim', country: 'NZ', birthYear: 1960, interests: [A, B, F] },
  ];
  let env: TestEnvironment;
  let server: RunningServer;
  let attacker: Tenant;
  let bystander: Tenant;
  const admin = { email: 'admin@attacker.test', password: 'correct horse battery staple 42' };
  const bystanderAdmin = { email: 'admin@bystander.test', password: 'another long passphrase 4711' };

  beforeAll(async () => {
    env = await createTestEnvironment({
      PARLANCE_DAILY_BUDGET: String(DAILY_BUDGET),
      PARLANCE_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    attacker = createTenant(env, 'attacker');
    bystander = createTenant(env, 'bystander');
    createMember(env, 'attacker', { ...admin, role: 'ADMIN' });
    createMember(env, 'bystander', { ...bystanderAdmin, role: 'ADMIN' });
    server = await env.start();
    await plantUsers(server.url, env.ingestToken, users, byId);
    // Wait with the bystander's budget until A is large enough to show (the data is in).
    const bystanderClient = graphqlClient(server.url, { apiKey: bystander.apiKey });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await bystanderClient.request<{ audienceEstimate: Estimate }>(ESTIMATE, {
        spec: { include: [[A]] },
      });
      if (r.data?.audienceEstimate && !r.data.audienceEstimate.belowThreshold) break;
      if (Date.now() > deadline) throw new Error(`planted data never showed up: ${JSON.stringify(r)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it('stops the tracker with PRIVACY_BUDGET_EXHAUSTED and logs every request for the admin', async () => {
    const client = graphqlClient(server.url, { apiKey: attacker.apiKey });
    const extra = listCountries()
      .filter((c) => !c.excluded && !['US', 'CA', 'NZ'].includes(c.code))
      .map((c) => c.code);
    // Narrow, distinct specs around the victim: each a new answer.
    const specs: Spec[] = Array.from({ length: ATTEMPTS }, (_, i) => ({
      include: i % 2 === 0 ? [[A]] : [[A], [B, F]],
      countries: ['NZ', 'US', extra[i]!],
    }));
    const outcomes: string[] = [];
    let firstAnswered: { spec: Spec; body: string } | undefined;
    for (const spec of specs) {
      const r = await client.request<{ audienceEstimate: Estimate | null }>(ESTIMATE, { spec });
      expect(r.status).toBeLessThan(500);
      const codes = errorCodes(r);
      if (codes.length === 0) {
        outcomes.push('OK');
        firstAnswered ??= { spec, body: JSON.stringify(r.data) };
      } else {
        expect(codes).toEqual(['PRIVACY_BUDGET_EXHAUSTED']);
        // No count in an exhausted answer.
        expect(numbersIn(r.data ?? null)).toEqual([]);
        outcomes.push('PRIVACY_BUDGET_EXHAUSTED');
      }
    }
    const answered = outcomes.filter((o) => o === 'OK').length;
    const exhausted = outcomes.length - answered;
    // Exhaustion is final for the day: nothing distinct is answered after the first refusal.
    expect(outcomes.indexOf('PRIVACY_BUDGET_EXHAUSTED')).toBe(answered);
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(Math.round(DAILY_BUDGET / 0.1));
    expect(exhausted).toBeGreaterThan(0);

    // A repeat of an answered question is free and identical.
    const repeat = await client.request<{ audienceEstimate: Estimate | null }>(ESTIMATE, {
      spec: firstAnswered!.spec,
    });
    expect(errorCodes(repeat)).toEqual([]);
    // Only the remaining budget may differ between the first answer and the repeat.
    const strip = (body: string) => {
      const value = JSON.parse(body) as { audienceEstimate: Estimate };
      return { ...value.audienceEstimate, privacyBudgetRemaining: 0 };
    };
    expect(strip(JSON.stringify(repeat.data))).toEqual(strip(firstAnswered!.body));

    // Forecasts and insights are refused the same way.
    const forecast = await client.request(
      'query($s: AudienceSpecInput!) { reachForecast(spec: $s, budget: 100, cpm: 2, days: 3) { belowThreshold } }',
      { s: { include: [[B]], countries: ['CA'] } },
    );
    expect(errorCodes(forecast)).toEqual(['PRIVACY_BUDGET_EXHAUSTED']);
    const insights = await client.request(
      'query($s: AudienceSpecInput!) { audienceInsights(spec: $s, first: 5) { affinityIndex } }',
      { s: { include: [[F]], countries: ['US'] } },
    );
    expect(errorCodes(insights)).toEqual(['PRIVACY_BUDGET_EXHAUSTED']);

    // The key itself cannot read the audit log (admins only)…
    expect(errorCodes(await client.request(AUDIT, { first: 10 }))).toEqual(['FORBIDDEN']);

    // …the organisation's admin can, and sees one entry per request.
    const adminClient = graphqlClient(server.url);
    const login = await adminClient.request(
      'mutation($input: LoginInput!) { login(input: $input) { viewer { role } } }',
      { input: { ...admin, organizationSlug: 'attacker' } },
    );
    expect(login.errors, JSON.stringify(login.errors)).toBeUndefined();
    const entries: AuditNode[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r: GraphQLResponse<AuditPage> = await adminClient.request<AuditPage>(AUDIT, {
        first: 50,
        after,
      });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      entries.push(...r.data!.auditLog.edges.map((e) => e.node));
      if (!r.data!.auditLog.pageInfo.hasNextPage) break;
      after = r.data!.auditLog.pageInfo.endCursor;
    }
    const keyEntries = entries.filter((e) => e.actorType === 'API_KEY');
    const expected = ATTEMPTS + 3; // the tracker, the repeat, the forecast, the insights
    expect(keyEntries.length).toBe(expected);
    expect(keyEntries.filter((e) => e.outcome === 'PRIVACY_BUDGET_EXHAUSTED').length).toBe(exhausted + 2);
    expect(keyEntries.filter((e) => e.action === 'ESTIMATE').length).toBe(ATTEMPTS + 1);
    for (const e of keyEntries) expect(e.specHash, JSON.stringify(e)).toMatch(/\S/);
    const spent = keyEntries.reduce((sum, e) => sum + e.epsilonSpent, 0);
    expect(spent).toBeLessThanOrEqual(DAILY_BUDGET + 1e-9);
    expect(spent).toBeGreaterThan(0);

    // The bystander organisation's admin sees none of it.
    const otherAdmin = graphqlClient(server.url);
    await otherAdmin.request('mutation($input: LoginInput!) { login(input: $input) { viewer { role } } }', {
      input: { ...bystanderAdmin, organizationSlug: 'bystander' },
    });
    const theirs = await otherAdmin.request<{ auditLog: { edges: { node: AuditNode }[] } }>(AUDIT, {
      first: 50,
    });
    expect(theirs.errors, JSON.stringify(theirs.errors)).toBeUndefined();
    const attackerKeyIds = new Set(keyEntries.map((e) => e.actorId));
    for (const edge of theirs.data!.auditLog.edges) expect(attackerKeyIds.has(edge.node.actorId)).toBe(false);
    console.info(
      `tracker: ${ATTEMPTS} distinct narrow specs, ${answered} answered, ${exhausted} refused with ` +
        `PRIVACY_BUDGET_EXHAUSTED; ${keyEntries.length} audit entries, ε spent ${spent.toFixed(2)} of ${DAILY_BUDGET}`,
    );
  });
});
