/**
 * Property-based fuzzing of the NDJSON ingestion endpoint: broken lines, huge lines, wrong
 * types, invalid dates, unknown types, binary, mixed line endings, hostile headers. Every request
 * gets a JSON summary or a typed error (never a 5xx, never a stack trace, never our chat text
 * echoed back), good lines in a bad body still land, and the server stays healthy.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaksIn, nastyString } from '../support/fuzz.js';
import { graphqlClient } from '../support/graphql.js';
import { isoDaysAgo, postNdjson } from '../support/population.js';
import { createTestEnvironment, type RunningServer, type TestEnvironment } from '../support/server.js';
import { createTenant, type Tenant } from '../support/tenants.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120) * 3;
const INGEST_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'BAD_USER_INPUT',
  'SERVICE_UNAVAILABLE',
]);
/** A phrase that must never come back from the server (chat text is classified, then dropped). */
const CANARY = 'zebra-canary-7f3a golf swing';

let counter = 0;
const uid = () => `fz-${++counter}`;

const goodProfile = () => ({
  type: 'profile',
  eventId: uid(),
  userId: `user-${counter % 50}`,
  occurredAt: isoDaysAgo(3),
  country: 'US',
  birthYear: 1980,
  optedOut: false,
});
const goodChat = () => ({
  type: 'chat',
  eventId: uid(),
  userId: `user-${counter % 50}`,
  occurredAt: isoDaysAgo(1),
  text: `${CANARY} how do I fix my slice`,
  surface: 'app',
});

/** A line: valid, mutated, or garbage. */
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).map(() => JSON.stringify(goodProfile())) },
  { weight: 3, arbitrary: fc.constant(null).map(() => JSON.stringify(goodChat())) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('profile', 'chat'),
        fc.constantFrom(
          'type',
          'eventId',
          'userId',
          'occurredAt',
          'country',
          'birthYear',
          'optedOut',
          'text',
          'surface',
          '__proto__',
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          nastyString,
          fc.constantFrom(
            '2024-02-30T10:00:00Z',
            '2024-13-01T00:00:00Z',
            'yesterday',
            '2999-01-01T00:00:00Z',
            '0000-00-00T00:00:00Z',
            '2024-01-01',
            '2024-01-01T25:61:00Z',
            -1,
            Number.MAX_VALUE,
            'DE',
            'KR',
            'XX',
            2015,
            1899,
            true,
          ),
        ),
        fc.boolean(),
      )
      .map(([type, field, value, drop]) => {
        const event: Record<string, unknown> = type === 'profile' ? goodProfile() : goodChat();
        if (drop) delete event[field];
        else event[field] = value;
        return JSON.stringify(event);
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '{',
      '}',
      '[]',
      'null',
      '42',
      '"chat"',
      '{"type":"unknown"}',
      '{"type":null}',
    ),
  },
  { weight: 2, arbitrary: nastyString.map((s) => s.replace(/\n/g, ' ')) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 30_000, max: 200_000 })
      .map((n) => JSON.stringify({ ...goodChat(), text: 'a'.repeat(n) })),
  },
  { weight: 1, arbitrary: fc.constant(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) },
);

const body = fc.record({
  lines: fc.array(line, { minLength: 0, maxLength: 30 }),
  separator: fc.constantFrom('\n', '\r\n', '\n\n'),
  trailing: fc.boolean(),
  binary: fc.option(fc.uint8Array({ minLength: 1, maxLength: 2048 }), { freq: 8 }),
});

describe('fuzz: NDJSON ingestion endpoint', () => {
  let env: TestEnvironment;
  let server: RunningServer;
  let tenant: Tenant;
  let requests = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ PARLANCE_RATE_LIMIT_PER_MINUTE: '1000000' });
    tenant = createTenant(env, 'bystander');
    server = await env.start();
  });
  afterAll(async () => {
    console.info(`fuzz ingest: ${requests} requests, ${problems.length} problems`);
    await env?.dispose();
  });

  function check(
    label: string,
    status: number,
    text: string,
    input: unknown,
  ): Record<string, unknown> | null {
    requests++;
    if (status >= 500) problems.push(`${label} → HTTP ${status}: ${text.slice(0, 300)}`);
    if (text.includes('zebra-canary')) problems.push(`${label} → chat text echoed back`);
    const leaks = leaksIn(text, input);
    if (leaks.length > 0) problems.push(`${label} → leak ${leaks.join(', ')}: ${text.slice(0, 300)}`);
    try {
      const parsed = JSON.parse(text) as Record<string, unknown> & { error?: { code?: string } };
      if (status >= 400 && !INGEST_CODES.has(parsed.error?.code ?? '')) {
        problems.push(`${label} → HTTP ${status} without a typed error: ${text.slice(0, 200)}`);
      }
      return parsed;
    } catch {
      problems.push(`${label} → non-JSON body (HTTP ${status}): ${text.slice(0, 200)}`);
      return null;
    }
  }

  it(`answers ${RUNS} random NDJSON bodies with a summary or a typed error; good lines land`, {
    timeout: 600_000,
  }, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async ({ lines, separator, trailing, binary }) => {
        // A known-good marker line in every text body: it must be accepted whatever surrounds it.
        const marker = JSON.stringify({ ...goodProfile(), userId: `marker-${counter}` });
        const text = [...lines, marker].join(separator) + (trailing ? separator : '');
        const payload = binary
          ? new Uint8Array([...binary, 10, ...new TextEncoder().encode(`${marker}\n`)])
          : text;
        const response = await postNdjson(server.url, env.ingestToken, payload);
        const summary = check('ingest', response.status, response.body, lines);
        if (response.status === 200 && summary) {
          const n = Number(summary.accepted ?? 0);
          accepted += n;
          if (!(n >= 1) && response.body.length > 0)
            problems.push(`marker line not accepted: ${response.body.slice(0, 300)}`);
          const errors = JSON.stringify(summary.errors ?? []);
          if (errors.includes('zebra')) problems.push('line errors quote the line content');
        }
      }),
      { numRuns: RUNS, seed: 3_003 },
    );
    console.info(`fuzz ingest: ${RUNS} random bodies, ${accepted} events accepted`);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('refuses wrong credentials, media types and oversized bodies with typed errors', {
    timeout: 120_000,
  }, async () => {
    const ok = `${JSON.stringify(goodProfile())}\n`;
    const cases: {
      label: string;
      token: string;
      body: string | Uint8Array;
      headers?: Record<string, string>;
      expect: number[];
    }[] = [
      { label: 'no token', token: '', body: ok, expect: [401] },
      { label: 'wrong token', token: 'x'.repeat(64), body: ok, expect: [401] },
      { label: 'advertiser key', token: tenant.apiKey, body: ok, expect: [401, 403] },
      { label: 'token with SQL', token: "' OR '1'='1", body: ok, expect: [401] },
      {
        label: 'xml',
        token: env.ingestToken,
        body: '<events/>',
        headers: { 'content-type': 'application/xml' },
        expect: [415],
      },
      {
        label: 'huge body',
        token: env.ingestToken,
        body: `${'x'.repeat(70 * 1024 * 1024)}\n`,
        expect: [200, 400, 413],
      },
      {
        label: 'gzip lie',
        token: env.ingestToken,
        body: ok,
        headers: { 'content-encoding': 'gzip' },
        expect: [200, 400, 415],
      },
    ];
    for (const c of cases) {
      const response = await fetch(`${server.url}/internal/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-ndjson',
          ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
          ...c.headers,
        },
        body: typeof c.body === 'string' ? c.body : new Blob([c.body as Uint8Array<ArrayBuffer>]),
      }).then(
        async (r) => ({ status: r.status, text: await r.text() }),
        (e: unknown) => ({ status: 0, text: String(e) }),
      );
      check(c.label, response.status === 0 ? 599 : response.status, response.text, null);
      expect(c.expect, `${c.label}: HTTP ${response.status} ${response.text.slice(0, 200)}`).toContain(
        response.status,
      );
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('is still alive, and ingestion touched no tenant data', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const client = graphqlClient(server.url, { apiKey: tenant.apiKey });
    const state = await client.request<{ audiences: { edges: unknown[] }; campaigns: { edges: unknown[] } }>(
      '{ audiences { edges { node { id } } } campaigns { edges { node { id } } } }',
    );
    expect(state.errors).toBeUndefined();
    expect(state.data!.audiences.edges).toEqual([]);
    expect(state.data!.campaigns.edges).toEqual([]);
    console.info(`fuzz ingest: cases tried ${requests}`);
  });
});
