import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb } from '@parlance/db/testing';
import { auditServer } from 'graphql-http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createServer, type ParlanceServer } from '../main.js';
import { createApiKeyForOrg, createMember, createOrganization } from '../modules/admin/admin.service.js';
import { buildParlanceSchema, printParlanceSchema } from '../schema.js';
import { NOISE_SECRET, PASSWORD, TEST_ENV } from '../testing/harness.js';

const secrets = {
  noiseSecret: NOISE_SECRET,
  pseudonymKey: 'test-pseudonym-key-0123456789abcdef',
  ingestToken: 'test-ingest-token-0123456789abcdef',
};
const logger = pino({ level: 'silent' });

let handle: Awaited<ReturnType<typeof createTestDb>>;
let server: ParlanceServer;
let keySecret: string;
let dbClosed = false;

async function gql(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  url = server.url,
): Promise<{
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

beforeAll(async () => {
  handle = await createTestDb();
  const config = loadConfig({ ...TEST_ENV, PORT: '0', PARLANCE_RATE_LIMIT_PER_MINUTE: '100000' });
  await createOrganization(handle.db, { name: 'Acme', slug: 'acme' });
  await createMember(handle.db, {
    organizationSlug: 'acme',
    email: 'ada@acme.test',
    name: 'Ada',
    password: PASSWORD,
    role: 'ADMIN',
  });
  keySecret = (
    await createApiKeyForOrg(handle.db, { organizationSlug: 'acme', name: 'k', scopes: ['audiences:read'] })
  ).secret;
  server = await createServer({ config, db: handle, secrets, logger });
  await server.ready;
});

afterAll(async () => {
  await server?.close();
  if (!dbClosed) await handle?.close();
});

describe('HTTP surface', () => {
  it('the committed schema.graphql is current (run `pnpm --filter @parlance/server schema`)', async () => {
    const file = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(printParlanceSchema(await buildParlanceSchema()));
  });

  it('passes every MUST of the GraphQL-over-HTTP audit', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` });
    const failed = results.filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'));
    expect(failed.map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });

  it('passes the same audit on the bearer-key fast path (no Express), with the same statuses', async () => {
    const withKey: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${keySecret}`);
      return fetch(input, { ...init, headers });
    };
    const all = await auditServer({ url: `${server.url}/graphql`, fetchFn: withKey });
    const failed = all.filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'));
    expect(failed.map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
    // Malformed bodies are answered as Express answers them, with or without a key.
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const keyed: Record<string, string> = { authorization: `Bearer ${keySecret}` };
    for (const auth of [{}, keyed]) {
      const bad = await post('{"query":', auth);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        error: { code: 'BAD_REQUEST', message: 'The request is invalid.' },
      });
      const scalar = await post('"query"', auth);
      expect(scalar.status).toBe(400);
      const large = await post(JSON.stringify({ query: `{ __typename }${' '.repeat(300 * 1024)}` }), auth);
      expect(large.status).toBe(413);
      const ok = await post(JSON.stringify({ query: '{ __typename }' }), auth);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
      expect(ok.headers.get('x-request-id')).toBeTruthy();
      expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('serves /healthz, a truthful /readyz and /metrics', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: 'ok', engine: 'ok' });
    await gql('query Hello { __typename }');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('parlance_graphql_request_duration_seconds_bucket');
    expect(metrics).toContain('operation="Hello"');
    expect(metrics).toContain('parlance_snapshot_age_seconds');
    expect(metrics).toContain('parlance_privacy_epsilon_spent_total');
  });

  it('logs in with an httpOnly SameSite cookie and uses it', async () => {
    const login = await gql('mutation($i: LoginInput!) { login(input: $i) { viewer { role } } }', {
      i: { email: 'ada@acme.test', password: PASSWORD },
    });
    expect(login.body.data?.login).toEqual({ viewer: { role: 'ADMIN' } });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^parlance_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await gql('{ viewer { member { email } } }', undefined, {
      cookie: cookie.split(';')[0] as string,
    });
    expect(me.body.data?.viewer).toEqual({ member: { email: 'ada@acme.test' } });
  });

  it('refuses a bad bearer key with 401 and accepts a good one', async () => {
    const bad = await gql('{ viewer { kind } }', undefined, { authorization: 'Bearer plk_nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const good = await gql('{ viewer { kind } }', undefined, { authorization: `Bearer ${keySecret}` });
    expect(good.body.data?.viewer).toEqual({ kind: 'API_KEY' });
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    const ok = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
  });

  it('enforces depth, alias and cost limits with 400 validation errors', async () => {
    const deep = await gql(
      '{ viewer { organizations { organization { id } } } }'.replace('id', 'id __typename'),
    );
    expect(deep.status).toBe(200);
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: __typename`).join(' ');
    const tooMany = await gql(`{ ${aliases} }`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const costly = await gql(
      '{ interests(first: 100) { edges { node { id name path tier hasChildren parentId } } } audiences(first: 100) { edges { node { id name spec { include } } } } campaigns(first: 100) { edges { node { id name status } } } }',
      undefined,
      {
        authorization: `Bearer ${keySecret}`,
      },
    );
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0]?.extensions?.reason).toBe('QUERY_TOO_COMPLEX');
  });

  it('supports automatic persisted queries', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const ext = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: unknown) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions: { code: string } }[] }>);
    expect((await post({ extensions: ext })).errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions: ext })).data).toEqual({ __typename: 'Query' });
    expect((await post({ extensions: ext })).data).toEqual({ __typename: 'Query' });
  });

  it('rate-limits per key with RATE_LIMITED, 429 and Retry-After', async () => {
    const config = loadConfig({ ...TEST_ENV, PORT: '0', PARLANCE_RATE_LIMIT_PER_MINUTE: '3' });
    const limited = await createServer({ config, db: handle, secrets, logger, engine: server.engine });
    try {
      const auth = { authorization: `Bearer ${keySecret}` };
      for (let i = 0; i < 3; i++)
        expect((await gql('{ __typename }', undefined, auth, limited.url)).status).toBe(200);
      const over = await gql('{ __typename }', undefined, auth, limited.url);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfter: expect.any(Number),
      });
      // Another caller (anonymous, by IP) has its own allowance.
      expect((await gql('{ __typename }', undefined, {}, limited.url)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('bad input is a typed 400, never a 500', () => {
  const auth = () => ({ authorization: `Bearer ${keySecret}` });
  const ESTIMATE_BY = `query($spec: AudienceSpecInput!, $by: BreakdownDimension!) {
    audienceEstimate(spec: $spec) { breakdown(by: $by) { key } } }`;
  const cases: { label: string; query: string; variables: Record<string, unknown>; field: string }[] = [
    {
      label: 'a non-existent enum value',
      query: ESTIMATE_BY,
      variables: { spec: { include: [['1']] }, by: 'SHOE_SIZE' },
      field: 'by',
    },
    {
      label: 'null for a required variable',
      query: ESTIMATE_BY,
      variables: { spec: null, by: 'COUNTRY' },
      field: 'spec',
    },
    { label: 'a missing required variable', query: ESTIMATE_BY, variables: { by: 'COUNTRY' }, field: 'spec' },
    {
      label: 'an unknown input field',
      query: ESTIMATE_BY,
      variables: { spec: { include: [['1']], shoeSize: 42 }, by: 'COUNTRY' },
      field: 'spec',
    },
    {
      label: 'a wrong scalar type deep in a list',
      query: ESTIMATE_BY,
      variables: { spec: { include: [['1', { x: 1 }]] }, by: 'COUNTRY' },
      field: 'spec.include.0.1',
    },
    {
      label: 'an int beyond 32 bits',
      query: 'query($first: Int) { interests(first: $first) { edges { node { id } } } }',
      variables: { first: 99_999_999_999 },
      field: 'first',
    },
    {
      label: 'a wrong type for a cost variable',
      query: 'query($first: Int) { interests(first: $first) { edges { node { id } } } }',
      variables: { first: 'ten' },
      field: 'first',
    },
  ];
  for (const { label, query, variables, field } of cases) {
    it(`answers ${label} with 400 BAD_USER_INPUT naming the field`, async () => {
      // Twice: the second request hits the memoised cost of the document.
      for (let i = 0; i < 2; i++) {
        const res = await gql(query, variables, auth());
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });
  }

  it('never lets a NUL byte or a lone surrogate reach the database', async () => {
    const login = 'mutation($i: LoginInput!) { login(input: $i) { viewer { kind } } }';
    for (const email of ['ada\u0000@acme.test', 'ada@acme.test\ud800']) {
      const res = await gql(login, { i: { email, password: PASSWORD } });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'i.email' });
    }
    // The same in a literal of the document, and in every other string argument.
    const inline = await gql(
      'mutation { login(input: { email: "a\\u0000b", password: "x" }) { viewer { kind } } }',
    );
    expect(inline.status).toBe(400);
    expect(inline.body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'INVALID_TEXT',
    });
    const search = await gql(
      'query($s: String) { interests(search: $s) { edges { node { id } } } }',
      { s: 'golf\u0000' },
      auth(),
    );
    expect(search.status).toBe(400);
    expect(search.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 's' });
  });

  it('answers a persisted query whose hash does not match with a typed BAD_REQUEST', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });
});

describe('PARLANCE_DASHBOARD_DIR', () => {
  it('overrides the directory the dashboard is served from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parlance-dash-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>custom build</title>');
    const config = loadConfig({ ...TEST_ENV, PORT: '0', PARLANCE_DASHBOARD_DIR: dir });
    const other = await createServer({
      config,
      db: handle,
      secrets,
      logger,
      engine: server.engine,
      dashboardDir: '/nonexistent',
    });
    try {
      const page = await fetch(`${other.url}/campaigns`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('custom build');
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unauthenticated surfaces publish no exact population count', () => {
  it('/readyz keeps the snapshot id and age, without users; /metrics has no user gauge', async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as {
      snapshot: Record<string, unknown>;
    };
    expect(Object.keys(ready.snapshot).sort()).toEqual(['ageSeconds', 'builtAt', 'id']);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).not.toMatch(/snapshot_users/);
    expect(metrics).toContain('parlance_snapshot_age_seconds');
  });
});

describe('internal ingestion endpoint', () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${server.url}/internal/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...headers },
      body,
    });

  it('needs its own token; advertiser keys are refused', async () => {
    expect((await post('', {})).status).toBe(401);
    expect((await post('', { authorization: 'Bearer wrong-token' })).status).toBe(401);
    const withKey = await post('', { authorization: `Bearer ${keySecret}` });
    expect(withKey.status).toBe(403);
    expect(await withKey.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const gqlWithIngest = await gql('{ viewer { kind } }', undefined, {
      authorization: `Bearer ${secrets.ingestToken}`,
    });
    expect(gqlWithIngest.status).toBe(401);
  });

  it('streams NDJSON into the pipeline and reports bad lines by number, never by content', async () => {
    const now = new Date().toISOString();
    const lines = [
      JSON.stringify({
        type: 'profile',
        eventId: 'p1',
        userId: 'user-1',
        occurredAt: now,
        country: 'US',
        birthYear: 1990,
        optedOut: false,
      }),
      '{ not json SECRET-CHAT-TEXT',
      JSON.stringify({
        type: 'chat',
        eventId: 'c1',
        userId: 'user-1',
        occurredAt: now,
        text: 'best tents for camping trips',
        surface: 'app',
      }),
    ].join('\n');
    const res = await post(lines, { authorization: `Bearer ${secrets.ingestToken}` });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('SECRET-CHAT-TEXT');
    expect(text).not.toContain('tents');
    const summary = JSON.parse(text) as {
      lines: number;
      accepted: number;
      errors: { line: number; reason: string }[];
    };
    expect(summary.lines).toBe(3);
    expect(summary.accepted).toBe(2);
    expect(summary.errors).toEqual([{ line: 2, reason: 'INVALID_JSON' }]);
    expect(
      (await post('x', { authorization: `Bearer ${secrets.ingestToken}`, 'content-type': 'image/png' }))
        .status,
    ).toBe(415);
  });
});

describe('readiness tells the truth', () => {
  it('reports the database down (503) once it is gone, and GraphQL answers SERVICE_UNAVAILABLE', async () => {
    await handle.close();
    dbClosed = true;
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, database: 'unreachable' });
    // A key verified in the last few seconds is cached; what needs the database still fails.
    const r = await gql('{ audiences { edges { cursor } } }', undefined, {
      authorization: `Bearer ${keySecret}`,
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(r.body)).not.toMatch(/pglite|postgres|closed/i);
    // A key that must be looked up cannot be.
    const unknown = await gql('{ viewer { kind } }', undefined, {
      authorization: `Bearer plk_${'x'.repeat(43)}`,
    });
    expect(unknown.status).toBe(503);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
