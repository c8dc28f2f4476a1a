/**
 * Load: a bounded run of mixed estimate / forecast / insight traffic over loopback (autocannon,
 * distinct specs mixed with repeats), for LOAD_SECONDS. Zero errors (transport errors, non-2xx,
 * GraphQL errors in a sampled check loop running alongside) and bounded memory growth of the
 * server process: RSS after the run ≤ RSS after warm-up + max(25 %, 150 MiB).
 */
import { INTERESTS } from '@parlance/taxonomy';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient } from '../support/graphql.js';
import { type RunningServer, createTestEnvironment, type TestEnvironment } from '../support/server.js';
import { rssMiB } from '../support/tables.js';
import { createTenant, type Tenant } from '../support/tenants.js';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 150);
const WARMUP_SECONDS = 15;
const USERS = Number(process.env.LOAD_USERS ?? 20_000);
const CONNECTIONS = 8;

/** A deterministic pool of specs: distinct ones (fresh answers) and repeats of the same few. */
function specPool(): Record<string, unknown>[] {
  const popular = [
    '644',
    '544',
    '543',
    '499',
    '458',
    '255',
    '643',
    '446',
    '476',
    '613',
    '614',
    '669',
    '661',
    '408',
  ].filter((id) => INTERESTS.some((i) => i.id === id && i.sensitive === null));
  const specs: Record<string, unknown>[] = [];
  for (let i = 0; i < popular.length; i++) {
    for (let j = 0; j < popular.length; j++) {
      if (i === j) continue;
      specs.push({
        include: [[popular[i]!, popular[j]!]],
        countries: i % 3 === 0 ? ['US', 'IN', 'BR'] : undefined,
      });
      if (j === i + 1) specs.push({ include: [[popular[i]!], [popular[j]!]] });
    }
  }
  return specs;
}

const QUERIES = {
  estimate:
    'query($s: AudienceSpecInput!) { audienceEstimate(spec: $s) { belowThreshold lowerBound upperBound snapshotId } }',
  forecast:
    'query($s: AudienceSpecInput!) { reachForecast(spec: $s, budget: 5000, cpm: 4, days: 14, frequencyCap: 3) { belowThreshold reachLowerBound reachUpperBound impressions } }',
  insights:
    'query($s: AudienceSpecInput!) { audienceInsights(spec: $s, first: 5) { affinityIndex interest { id } } }',
};

describe('stress: mixed load', () => {
  let env: TestEnvironment;
  let server: RunningServer;
  let tenant: Tenant;

  beforeAll(async () => {
    env = await createTestEnvironment({
      PARLANCE_DAILY_BUDGET: '1000000',
      PARLANCE_RATE_LIMIT_PER_MINUTE: '100000000',
      PARLANCE_LOG_LEVEL: 'error',
    });
    env.cli(['demo', 'seed', '--users', String(USERS), '--seed', 'load']);
    tenant = createTenant(env, 'loadtest');
    server = await env.start();
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it(`serves ${LOAD_SECONDS} s of mixed traffic with zero errors and bounded memory`, {
    timeout: 900_000,
  }, async () => {
    const specs = specPool();
    let n = 0;
    const nextBody = () => {
      n++;
      const kind = n % 10 < 6 ? 'estimate' : n % 10 < 8 ? 'forecast' : 'insights';
      // Half the traffic repeats a small hot set, half walks the whole pool.
      const spec = n % 2 === 0 ? specs[n % 7]! : specs[(n * 7919) % specs.length]!;
      return JSON.stringify({ query: QUERIES[kind], variables: { s: spec } });
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` };
    const run = (seconds: number) =>
      autocannon({
        url: `${server.url}/graphql`,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            headers,
            setupRequest: (req) => ({ ...req, body: nextBody() }),
          },
        ],
      });

    // A checker alongside the load: every answer it sees must carry no GraphQL error.
    const client = graphqlClient(server.url, { apiKey: tenant.apiKey });
    let checking = true;
    let checked = 0;
    const graphqlErrors: string[] = [];
    const checker = (async () => {
      while (checking && checked < 100_000) {
        const r = await client.request(
          QUERIES[(['estimate', 'forecast', 'insights'] as const)[checked % 3]!],
          {
            s: specs[checked % specs.length],
          },
        );
        checked++;
        if (r.status !== 200 || r.errors) graphqlErrors.push(`${r.status} ${JSON.stringify(r.errors)}`);
      }
    })();

    await run(WARMUP_SECONDS);
    const rssStart = await rssMiB(server.process.pid);
    const samples: number[] = [];
    const sampler = setInterval(() => {
      void rssMiB(server.process.pid).then((v) => v !== null && samples.push(v));
    }, 5_000);
    const result = await run(LOAD_SECONDS);
    clearInterval(sampler);
    checking = false;
    await checker;
    const rssEnd = await rssMiB(server.process.pid);
    const bound = rssStart! + Math.max(rssStart! * 0.25, 150);
    console.info(
      `load: ${LOAD_SECONDS} s, ${CONNECTIONS} connections, ${result.requests.total} requests, ` +
        `${result.requests.average.toFixed(0)} req/s avg, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; checker ${checked} requests, ` +
        `${graphqlErrors.length} GraphQL errors; RSS ${rssStart?.toFixed(0)} → ${rssEnd?.toFixed(0)} MiB ` +
        `(max ${Math.max(...samples, 0).toFixed(0)}, bound ${bound.toFixed(0)})`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(graphqlErrors.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect(rssEnd!).toBeLessThanOrEqual(bound);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
