/**
 * Property-based fuzzing of every GraphQL input (issue 8, "Bad input"): random and adversarial
 * specs, huge lists, wrong types, unicode and control characters, SQL and script payloads in every
 * string, ids of another tenant's objects, and hostile query shapes (aliases, depth, width,
 * fragment cycles, batching, oversized bodies). Every response must be a typed error from the
 * closed set or a correct answer: never a 5xx, never INTERNAL_SERVER_ERROR, never a stack trace or
 * driver message; the server keeps answering /healthz; the other tenant's data is unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERESTS } from '@parlance/taxonomy';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_CODES, leaksIn, nastyString } from '../support/fuzz.js';
import { type GraphQLClient, graphqlClient } from '../support/graphql.js';
import {
  createTestEnvironment,
  REPO_ROOT,
  type RunningServer,
  type TestEnvironment,
} from '../support/server.js';
import { createTenant, type Tenant } from '../support/tenants.js';

const ARTIFACTS = join(REPO_ROOT, 'test', 'artifacts');
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 120);
const K = 100;

interface Outcome {
  status: number;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

/** Codes of the HTTP-level error shape `{ error: { code, message } }` (outside GraphQL). */
const HTTP_CODES = new Set(['BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_FOUND']);

const stats = { requests: 0, typedErrors: 0, answers: 0, byCode: new Map<string, number>() };
const problems: string[] = [];

async function post(
  baseUrl: string,
  apiKey: string | undefined,
  body: string,
  contentType = 'application/json',
) {
  const headers: Record<string, string> = { 'content-type': contentType, 'apollo-require-preflight': 'true' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

/** The oracle every response must satisfy. Returns the parsed body for extra checks. */
function check(label: string, raw: { status: number; text: string; type: string }, input: unknown): Outcome {
  stats.requests++;
  const where = `${label}: ${printable(input)}`;
  if (raw.status >= 500) problems.push(`${where} → HTTP ${raw.status} ${raw.text.slice(0, 300)}`);
  const leaks = leaksIn(raw.text, input);
  if (leaks.length > 0) problems.push(`${where} → leak ${leaks.join(', ')}: ${raw.text.slice(0, 500)}`);
  let body: Outcome['body'] = {};
  try {
    body = JSON.parse(raw.text) as Outcome['body'];
  } catch {
    problems.push(`${where} → non-JSON body (HTTP ${raw.status}, ${raw.type}): ${raw.text.slice(0, 200)}`);
    return { status: raw.status, text: raw.text, body };
  }
  // Errors raised before GraphQL runs (body parser: size, broken JSON) use the HTTP error shape.
  const httpError = (body as { error?: { code?: string } }).error;
  if (httpError) {
    stats.typedErrors++;
    stats.byCode.set(`http:${httpError.code}`, (stats.byCode.get(`http:${httpError.code}`) ?? 0) + 1);
    if (!(raw.status >= 400 && raw.status < 500 && HTTP_CODES.has(httpError.code ?? ''))) {
      problems.push(`${where} → HTTP ${raw.status} error ${JSON.stringify(httpError)}`);
    }
    return { status: raw.status, text: raw.text, body };
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code ?? '(none)';
    stats.byCode.set(code, (stats.byCode.get(code) ?? 0) + 1);
    if (!ALLOWED_CODES.has(code)) problems.push(`${where} → code ${code} outside the closed set`);
    if (code === 'INTERNAL_SERVER_ERROR') problems.push(`${where} → INTERNAL_SERVER_ERROR: ${error.message}`);
  }
  if (body.errors?.length) stats.typedErrors++;
  else stats.answers++;
  if (!body.errors?.length && body.data === undefined) problems.push(`${where} → neither data nor errors`);
  return { status: raw.status, text: raw.text, body };
}

/** Privacy invariants of any estimate-like answer that came back. */
function checkAnswer(label: string, data: unknown, input: unknown): void {
  const estimate = (data as { audienceEstimate?: Record<string, unknown> } | null)?.audienceEstimate;
  if (!estimate) return;
  const { belowThreshold, lowerBound, upperBound } = estimate as {
    belowThreshold: boolean;
    lowerBound: number | null;
    upperBound: number | null;
  };
  const ok = belowThreshold
    ? lowerBound === null && upperBound === null
    : typeof lowerBound === 'number' &&
      typeof upperBound === 'number' &&
      lowerBound >= K &&
      upperBound >= lowerBound;
  if (!ok)
    problems.push(
      `${label}: ${JSON.stringify(input).slice(0, 200)} → inconsistent estimate ${JSON.stringify(estimate)}`,
    );
}

describe('fuzz: every GraphQL input', () => {
  let env: TestEnvironment;
  let server: RunningServer;
  let fuzzer: Tenant;
  let victim: Tenant;
  let victimClient: GraphQLClient;
  const victimIds: string[] = [];
  let victimStateBefore = '';

  const VICTIM_STATE = /* GraphQL */ `
    query {
      audiences(first: 20) { edges { node { id name specHash updatedAt spec { include exclude countries } } } }
      campaigns(first: 20) { edges { node { id name status budgetAmount cpmBid updatedAt } } }
      apiKeys(first: 20) { edges { node { id name revokedAt } } }
    }
  `;

  beforeAll(async () => {
    env = await createTestEnvironment({ PARLANCE_RATE_LIMIT_PER_MINUTE: '1000000' });
    fuzzer = createTenant(env, 'fuzzer');
    victim = createTenant(env, 'victim');
    server = await env.start();
    victimClient = graphqlClient(server.url, { apiKey: victim.apiKey });
    const targetable = INTERESTS.filter((i) => i.sensitive === null);
    const saved = await victimClient.request<{ saveAudience: { id: string } }>(
      'mutation($i: SaveAudienceInput!) { saveAudience(input: $i) { id } }',
      { i: { name: 'Victim audience', spec: { include: [[targetable[5]!.id]], countries: ['US'] } } },
    );
    expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
    victimIds.push(saved.data!.saveAudience.id);
    const campaign = await victimClient.request<{ createCampaign: { id: string } }>(
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
      {
        i: {
          name: 'Victim campaign',
          objective: 'AWARENESS',
          budgetType: 'DAILY',
          budgetAmount: 100,
          currency: 'USD',
          cpmBid: 4,
          startDate: '2030-01-01',
          savedAudienceId: victimIds[0],
        },
      },
    );
    expect(campaign.errors, JSON.stringify(campaign.errors)).toBeUndefined();
    victimIds.push(campaign.data!.createCampaign.id);
    const key = await victimClient.request<{ createApiKey: { apiKey: { id: string } } }>(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } secret } }',
      { i: { name: 'victim second key', scopes: ['AUDIENCES_READ'] } },
    );
    expect(key.errors, JSON.stringify(key.errors)).toBeUndefined();
    victimIds.push(key.data!.createApiKey.apiKey.id);
    const state = await victimClient.request(VICTIM_STATE);
    expect(state.errors, JSON.stringify(state.errors)).toBeUndefined();
    victimStateBefore = JSON.stringify(state.data);
  });

  afterAll(async () => {
    const summary = [...stats.byCode.entries()].map(([c, n]) => `${c}=${n}`).join(' ');
    console.info(
      `fuzz graphql: ${stats.requests} requests, ${stats.answers} answers, ${stats.typedErrors} typed errors (${summary}), ${problems.length} problems`,
    );
    if (problems.length > 0) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'fuzz-graphql-problems.txt'), `${problems.join('\n')}\n`);
      writeFileSync(join(ARTIFACTS, 'fuzz-graphql-server.log'), server?.output() ?? '');
    }
    await env?.dispose();
  });

  // Arbitraries for every argument type.
  const interestIds = INTERESTS.map((i) => i.id);
  const sensitiveIds = INTERESTS.filter((i) => i.sensitive !== null).map((i) => i.id);
  const idLike = () =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...interestIds) },
      { weight: 1, arbitrary: fc.constantFrom(...(sensitiveIds.length > 0 ? sensitiveIds : ['1'])) },
      { weight: 1, arbitrary: fc.constantFrom(...(victimIds.length > 0 ? victimIds : ['0'])) },
      { weight: 1, arbitrary: fc.constantFrom('-1', '0', '99999999999999999999', '1.5', ' 1', '1 ') },
      { weight: 2, arbitrary: nastyString },
    );
  const country = fc.oneof(
    fc.constantFrom('US', 'CA', 'us', 'mx', 'DE', 'GB', 'KR', 'XX', 'U', 'USA', ''),
    nastyString,
  );
  const int = fc.oneof(
    fc.integer({ min: -3, max: 200 }),
    fc.constantFrom(-2147483648, 2147483647, 0, -1),
    fc.integer({ min: -2147483648, max: 2147483647 }),
  );
  const float = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, 0.1),
  );
  const spec = fc.record(
    {
      include: fc.oneof(
        fc.array(fc.array(idLike(), { maxLength: 4 }), { maxLength: 6 }),
        fc.array(fc.array(idLike(), { maxLength: 80 }), { maxLength: 40 }),
      ),
      exclude: fc.array(idLike(), { maxLength: 60 }),
      countries: fc.array(country, { maxLength: 300 }),
      ageMin: int,
      ageMax: int,
      recencyDays: int,
    },
    { requiredKeys: ['include'] },
  );
  /** Sometimes replaces a value by anything at all (wrong types, nulls, objects). */
  const maybeWrong = <T>(arb: fc.Arbitrary<T>) =>
    fc.oneof(
      { weight: 6, arbitrary: arb as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
  const campaignInput = fc.record(
    {
      name: nastyString,
      objective: fc.constantFrom('AWARENESS', 'TRAFFIC', 'CONVERSIONS', 'BOGUS'),
      budgetType: fc.constantFrom('DAILY', 'LIFETIME', 'daily'),
      budgetAmount: float,
      currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'usd', 'XXX', ''), nastyString),
      cpmBid: float,
      startDate: fc.oneof(
        fc.constantFrom('2030-01-01', '2024-02-30', '1900-01-01', '9999-12-31', 'tomorrow'),
        nastyString,
      ),
      endDate: fc.oneof(fc.constantFrom('2030-02-01', '2029-01-01', '2030-13-01'), nastyString),
      savedAudienceId: idLike(),
      spec,
    },
    { requiredKeys: ['name', 'objective', 'budgetType', 'budgetAmount', 'currency', 'cpmBid', 'startDate'] },
  );

  const ESTIMATE_ALL = /* GraphQL */ `
    query($spec: AudienceSpecInput!, $by: BreakdownDimension!) {
      audienceEstimate(spec: $spec) {
        belowThreshold lowerBound upperBound snapshotId privacyBudgetRemaining specHash
        breakdown(by: $by) { key lowerBound upperBound }
        breakdownSuppressedCells(by: $by)
      }
    }
  `;

  const operations: {
    name: string;
    query: string;
    vars: fc.Arbitrary<Record<string, unknown>>;
    anonymous?: boolean;
  }[] = [
    {
      name: 'audienceEstimate',
      query: ESTIMATE_ALL,
      vars: fc.record({ spec: maybeWrong(spec), by: fc.constantFrom('COUNTRY', 'AGE_BAND', 'SHOE_SIZE') }),
    },
    {
      name: 'reachForecast',
      query: `query($spec: AudienceSpecInput!, $budget: Float!, $cpm: Float!, $days: Int!, $cap: Int) {
        reachForecast(spec: $spec, budget: $budget, cpm: $cpm, days: $days, frequencyCap: $cap) {
          belowThreshold snapshotId impressions reachLowerBound reachUpperBound averageFrequency
          curve { budget reachLowerBound reachUpperBound } privacyBudgetRemaining } }`,
      vars: fc.record({
        spec: maybeWrong(spec),
        budget: maybeWrong(float),
        cpm: maybeWrong(float),
        days: maybeWrong(int),
        cap: maybeWrong(int),
      }),
    },
    {
      name: 'audienceInsights',
      query: `query($spec: AudienceSpecInput!, $first: Int) { audienceInsights(spec: $spec, first: $first) {
        interest { id name } affinityIndex overlapLowerBound overlapUpperBound } }`,
      vars: fc.record({ spec: maybeWrong(spec), first: maybeWrong(int) }),
    },
    {
      name: 'interests',
      query: `query($search: String, $parentId: ID, $first: Int, $after: String) {
        interests(search: $search, parentId: $parentId, first: $first, after: $after) {
          edges { cursor node { id name path tier hasChildren sizeRange { lowerBound upperBound } } }
          pageInfo { hasNextPage endCursor } } }`,
      vars: fc.record({
        search: maybeWrong(nastyString),
        parentId: maybeWrong(idLike()),
        first: maybeWrong(int),
        after: maybeWrong(nastyString),
      }),
    },
    {
      name: 'interest',
      query: 'query($id: ID!) { interest(id: $id) { id name sizeRange { lowerBound upperBound } } }',
      vars: fc.record({ id: maybeWrong(idLike()) }),
    },
    {
      name: 'audiences',
      query:
        'query($first: Int, $after: String) { audiences(first: $first, after: $after) { edges { node { id name } } pageInfo { endCursor } } }',
      vars: fc.record({ first: maybeWrong(int), after: maybeWrong(nastyString) }),
    },
    {
      name: 'campaigns',
      query:
        'query($first: Int, $after: String, $status: CampaignStatus) { campaigns(first: $first, after: $after, status: $status) { edges { node { id name status } } } }',
      vars: fc.record({
        first: maybeWrong(int),
        after: maybeWrong(nastyString),
        status: fc.constantFrom('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED', 'DELETED', null),
      }),
    },
    {
      name: 'audience',
      query: 'query($id: ID!) { audience(id: $id) { id name } }',
      vars: fc.record({ id: maybeWrong(idLike()) }),
    },
    {
      name: 'campaign',
      query: 'query($id: ID!) { campaign(id: $id) { id name } }',
      vars: fc.record({ id: maybeWrong(idLike()) }),
    },
    {
      name: 'apiKeys',
      query:
        'query($first: Int, $after: String) { apiKeys(first: $first, after: $after) { edges { node { id name } } } }',
      vars: fc.record({ first: maybeWrong(int), after: maybeWrong(nastyString) }),
    },
    {
      name: 'auditLog',
      query:
        'query($first: Int, $after: String) { auditLog(first: $first, after: $after) { edges { node { id } } } }',
      vars: fc.record({ first: maybeWrong(int), after: maybeWrong(nastyString) }),
    },
    {
      name: 'viewer+countries',
      query:
        '{ viewer { kind organization { id slug } permissions privacyBudgetRemaining } countries { code excluded } }',
      vars: fc.constant({}),
    },
    {
      name: 'saveAudience',
      query: 'mutation($i: SaveAudienceInput!) { saveAudience(input: $i) { id name specHash } }',
      vars: fc.record({ i: maybeWrong(fc.record({ name: nastyString, spec })) }),
    },
    {
      name: 'updateAudience',
      query:
        'mutation($id: ID!, $i: UpdateAudienceInput!) { updateAudience(id: $id, input: $i) { id name } }',
      vars: fc.record({
        id: maybeWrong(idLike()),
        i: maybeWrong(fc.record({ name: nastyString, spec }, { requiredKeys: [] })),
      }),
    },
    {
      name: 'deleteAudience',
      query: 'mutation($id: ID!) { deleteAudience(id: $id) }',
      vars: fc.record({ id: maybeWrong(idLike()) }),
    },
    {
      name: 'createCampaign',
      query: 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id status } }',
      vars: fc.record({ i: maybeWrong(campaignInput) }),
    },
    {
      name: 'updateCampaign',
      query:
        'mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id status } }',
      vars: fc.record({ id: maybeWrong(idLike()), i: maybeWrong(campaignInput) }),
    },
    {
      name: 'setCampaignStatus',
      query:
        'mutation($id: ID!, $s: CampaignStatus!) { setCampaignStatus(id: $id, status: $s) { id status } }',
      vars: fc.record({
        id: maybeWrong(idLike()),
        s: fc.constantFrom('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED', 'LIVE'),
      }),
    },
    {
      name: 'createApiKey',
      query: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id name scopes } } }',
      vars: fc.record({
        i: maybeWrong(
          fc.record({
            name: nastyString,
            scopes: fc.array(fc.constantFrom('AUDIENCES_READ', 'KEYS_ADMIN', 'audiences:read', 'ROOT'), {
              maxLength: 8,
            }),
          }),
        ),
      }),
    },
    {
      name: 'revokeApiKey',
      query: 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }',
      vars: fc.record({ id: maybeWrong(idLike()) }),
    },
    {
      name: 'switchOrganization',
      query: 'mutation($id: ID!) { switchOrganization(organizationId: $id) { kind } }',
      vars: fc.record({ id: maybeWrong(idLike()) }),
    },
    {
      name: 'login',
      query: 'mutation($i: LoginInput!) { login(input: $i) { viewer { kind } } }',
      vars: fc.record({
        i: maybeWrong(
          fc.record(
            { email: nastyString, password: nastyString, organizationSlug: nastyString },
            { requiredKeys: ['email', 'password'] },
          ),
        ),
      }),
      anonymous: true,
    },
    { name: 'logout', query: 'mutation { logout }', vars: fc.constant({}), anonymous: true },
  ];

  for (const op of operations) {
    it(`${op.name}: typed errors or correct answers for ${RUNS_PER_OPERATION} random inputs`, {
      timeout: 600_000,
    }, async () => {
      const before = problems.length;
      await fc.assert(
        fc.asyncProperty(op.vars, async (variables) => {
          const raw = await post(
            server.url,
            op.anonymous ? undefined : fuzzer.apiKey,
            JSON.stringify({ query: op.query, variables }),
          );
          const outcome = check(op.name, raw, variables);
          checkAnswer(op.name, outcome.body.data, variables);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: 8_008 + op.name.length },
      );
      expect(problems.slice(before)).toEqual([]);
    });
  }

  it('survives hostile query shapes: aliases, depth, width, cycles, batches, huge and broken bodies', {
    timeout: 300_000,
  }, async () => {
    const before = problems.length;
    const deepIntrospection = (depth: number) => {
      let inner = 'name';
      for (let d = 0; d < depth; d++)
        inner = `name fields { name type { name ofType { name } ${d % 2 ? 'fields { name }' : ''} } } interfaces { ${inner} }`;
      return `{ __schema { types { ${inner} } } }`;
    };
    const bodies: { label: string; body: string; contentType?: string }[] = [
      {
        label: 'alias bomb (estimate ×1000)',
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: audienceEstimate(spec: { include: [["${INTERESTS[0]!.id}"]] }) { lowerBound }`).join(' ')} }`,
        }),
      },
      {
        label: 'alias bomb (viewer ×5000)',
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 5000 }, (_, i) => `v${i}: viewer { kind }`).join(' ')} }`,
        }),
      },
      {
        label: 'wide (__typename ×20000)',
        body: JSON.stringify({ query: `{ ${'__typename '.repeat(20_000)} }` }),
      },
      { label: 'deep introspection (6)', body: JSON.stringify({ query: deepIntrospection(6) }) },
      {
        label: 'deep selection ×60',
        body: JSON.stringify({ query: `{ viewer ${'{ organization '.repeat(60)}{ id }${' }'.repeat(60)} }` }),
      },
      { label: 'unbalanced braces ×10000', body: JSON.stringify({ query: '{'.repeat(10_000) }) },
      {
        label: 'fragment cycle',
        body: JSON.stringify({
          query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
        }),
      },
      {
        label: 'batched array',
        body: JSON.stringify([{ query: '{ viewer { kind } }' }, { query: '{ countries { code } }' }]),
      },
      {
        label: 'unknown operation name',
        body: JSON.stringify({ query: 'query A { viewer { kind } }', operationName: 'B' }),
      },
      {
        label: 'two anonymous operations',
        body: JSON.stringify({ query: '{ viewer { kind } } { countries { code } }' }),
      },
      {
        label: 'persisted query miss',
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
      },
      {
        label: 'persisted query wrong hash',
        body: JSON.stringify({
          query: '{ viewer { kind } }',
          extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
        }),
      },
      { label: 'query not a string', body: JSON.stringify({ query: { evil: true } }) },
      {
        label: 'variables not an object',
        body: JSON.stringify({ query: '{ viewer { kind } }', variables: [1, 2, 3] }),
      },
      {
        label: 'deeply nested variables',
        body: `{"query":"query($s: AudienceSpecInput!) { audienceEstimate(spec: $s) { lowerBound } }","variables":{"s":{"include":${'['.repeat(5000)}${']'.repeat(5000)}}}}`,
      },
      {
        label: 'huge list variable',
        body: JSON.stringify({
          query: 'query($s: AudienceSpecInput!) { audienceEstimate(spec: $s) { lowerBound } }',
          variables: { s: { include: [Array.from({ length: 20_000 }, (_, i) => String(i))] } },
        }),
      },
      {
        label: 'body over the limit',
        body: JSON.stringify({
          query: '{ viewer { kind } }',
          variables: { pad: 'x'.repeat(2 * 1024 * 1024) },
        }),
      },
      { label: 'broken JSON', body: '{"query": "{ viewer { kind } }"' },
      {
        label: 'binary body',
        body: String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
      },
      { label: 'empty body', body: '' },
      { label: 'text/plain body', body: '{ viewer { kind } }', contentType: 'text/plain' },
      {
        label: 'form body',
        body: 'query=%7Bviewer%7Bkind%7D%7D',
        contentType: 'application/x-www-form-urlencoded',
      },
      { label: 'null', body: 'null' },
      {
        label: 'control characters in query',
        body: JSON.stringify({ query: '{ viewer\u0000 { kind\u0007 } }' }),
      },
      {
        label: 'mutation via query keyword',
        body: JSON.stringify({ query: 'query { deleteAudience(id: "1") }' }),
      },
      {
        label: 'introspection',
        body: JSON.stringify({ query: '{ __schema { queryType { name } mutationType { name } } }' }),
      },
    ];
    for (const { label, body, contentType } of bodies) {
      const started = Date.now();
      const raw = await post(server.url, fuzzer.apiKey, body, contentType);
      const elapsed = Date.now() - started;
      if (elapsed > 10_000) problems.push(`${label} → took ${elapsed} ms`);
      check(label, raw, body.length < 100_000 ? safeParse(body) : null);
    }
    // GET with a mutation must not run (CSRF prevention / GraphQL over HTTP).
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { authorization: `Bearer ${fuzzer.apiKey}` },
    });
    const getText = await get.text();
    check(
      'GET mutation',
      { status: get.status, text: getText, type: get.headers.get('content-type') ?? '' },
      null,
    );
    expect(get.status).toBeGreaterThanOrEqual(400);
    expect(problems.slice(before)).toEqual([]);
  });

  it('is still alive and the other tenant is untouched', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const after = await victimClient.request(VICTIM_STATE);
    expect(after.errors).toBeUndefined();
    expect(JSON.stringify(after.data)).toBe(victimStateBefore);
    console.info(`fuzz graphql: cases tried ${stats.requests}`);
  });
});

/** The input for a problem report; JSON.stringify itself overflows the stack on 5,000-deep values. */
function printable(input: unknown): string {
  try {
    return JSON.stringify(input)?.slice(0, 300) ?? String(input);
  } catch (error) {
    if (error instanceof RangeError) return '(too deeply nested to print)';
    throw error;
  }
}

function safeParse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
