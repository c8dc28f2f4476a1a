/**
 * `pnpm --filter @parlance/server bench`: audienceEstimate over HTTP on a 1M-user population.
 *
 * The population comes from SyntheticLoader (users generated in memory, no ingestion: building
 * 1M users through the pipeline takes minutes and measures ingestion, not the API). Everything
 * else is the production path: createServer, API-key auth against the database, rate limiter,
 * the real AudienceEngine with the Postgres budget ledger, and the audit log insert per request.
 * The database is in-memory PGlite unless DATABASE_URL is set.
 *
 * Load: autocannon in a worker thread, `BENCH_CONNECTIONS` (default 32) connections for
 * `BENCH_SECONDS` (default 10), cycling through 200 distinct specs; every fourth request
 * repeats a hot spec.
 * Prints a summary and one JSON line per metric: {"bench":"api-estimate","metric":...,"value":N}.
 */
import 'reflect-metadata';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { createDb, migrate } from '@parlance/db';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createAudiencePort } from '../engine/adapter.js';
import { PgBudgetStore } from '../engine/budget-store.js';
import { createServer } from '../main.js';
import { createApiKeyForOrg, createOrganization } from '../modules/admin/admin.service.js';
import { SYNTHETIC_INTERESTS, SyntheticLoader } from '../testing/fake-loader.js';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

const handle = await createDb(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
await migrate(handle);
const config = loadConfig({
  PORT: '0',
  PARLANCE_LOG_LEVEL: 'silent',
  PARLANCE_RATE_LIMIT_PER_MINUTE: '100000000',
  PARLANCE_SNAPSHOT_INTERVAL_SECONDS: '3600',
});
const secret = 'bench-noise-secret-0123456789abcdef0123456789';
const t0 = performance.now();
const engine = createAudiencePort({
  config,
  noiseSecret: secret,
  loader: new SyntheticLoader(USERS),
  budgetStore: new PgBudgetStore(handle),
});
await engine.whenReady();
const buildMs = performance.now() - t0;
await createOrganization(handle.db, { name: 'Bench', slug: 'bench' });
const { secret: apiKey } = await createApiKeyForOrg(handle.db, {
  organizationSlug: 'bench',
  name: 'bench',
  scopes: ['audiences:read'],
});
const server = await createServer({
  config,
  db: handle,
  secrets: { noiseSecret: secret, pseudonymKey: secret, ingestToken: secret },
  logger: pino({ level: 'silent' }),
  engine,
});

const QUERY =
  'query Estimate($spec: AudienceSpecInput!) { audienceEstimate(spec: $spec) { belowThreshold lowerBound upperBound snapshotId privacyBudgetRemaining } }';
const countries = [['US'], ['US', 'CA'], ['BR'], ['IN', 'MX'], []];
const specs: unknown[] = [];
for (let i = 0; specs.length < 200; i++) {
  const a = SYNTHETIC_INTERESTS[i % SYNTHETIC_INTERESTS.length] as string;
  const b = SYNTHETIC_INTERESTS[(i * 3 + 1) % SYNTHETIC_INTERESTS.length] as string;
  specs.push({
    include: i % 2 ? [[a, b]] : [[a], [b]],
    countries: countries[i % countries.length],
    ageMin: 18 + (i % 20),
    recencyDays: [7, 30, 90][i % 3],
  });
}
// Every fourth request repeats the hot spec; the others cycle through the 200 distinct ones.
const requests = Array.from({ length: 400 }, (_, i) => ({
  body: JSON.stringify({
    operationName: 'Estimate',
    query: QUERY,
    variables: { spec: i % 4 === 0 ? specs[0] : specs[i % specs.length] },
  }),
}));

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const result: Result = await autocannon({
  url: `${server.url}/graphql`,
  connections: CONNECTIONS,
  duration: SECONDS,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
  requests,
  // The load generator runs in a worker thread, off the server's event loop.
  workers: 1,
});

const metrics = {
  users: USERS,
  index_build_ms: Math.round(buildMs),
  requests_per_second: Math.round(result.requests.average),
  latency_p50_ms: result.latency.p50,
  latency_p99_ms: result.latency.p99,
  non_2xx: result.non2xx,
  errors: result.errors,
};
console.error(
  `audienceEstimate over HTTP, ${USERS.toLocaleString('en')} users, ${CONNECTIONS} connections, ${SECONDS} s: ` +
    `${metrics.requests_per_second} req/s, p50 ${metrics.latency_p50_ms} ms, p99 ${metrics.latency_p99_ms} ms ` +
    `(target ≥ 2000 req/s, p99 ≤ 50 ms); non-2xx ${metrics.non_2xx}, errors ${metrics.errors}`,
);
for (const [metric, value] of Object.entries(metrics)) {
  console.log(JSON.stringify({ bench: 'api-estimate', metric, value }));
}
await server.close();
await handle.close();
