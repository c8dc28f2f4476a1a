/**
 * `pnpm --filter @parlance/server bench`: audienceEstimate over HTTP on a 1M-user population.
 *
 * The population comes from SyntheticLoader (users generated in memory, no ingestion: building
 * 1M users through the pipeline takes minutes and measures ingestion, not the API). Everything
 * else is the production path: createServer, API-key auth against the database, rate limiter,
 * complexity limit, the real AudienceEngine with the default (ledger) budget store, the audit
 * log, metrics. The database is in-memory PGlite, or with DATABASE_URL a fresh temporary
 * database created on that server and dropped at the end.
 *
 * Load (bench/load.ts, a forked process: it shares this machine's cores with the server, as it
 * would on a 2-core box, so the figures are conservative): `BENCH_CONNECTIONS` (default 16)
 * keep-alive connections without pipelining for `BENCH_SECONDS` (default 10), round-robin over
 * `BENCH_ORGS` (default 8) organisations, each with a daily budget of `BENCH_DAILY_BUDGET`
 * (default 1e6 ε, so it is never exhausted: the bench measures charging, not refusals). Three
 * requests in four are a new spec (a distinct answer, charged ε); one in four repeats a hot spec
 * (free). Prints a summary and one JSON line per metric: {"bench":"api-estimate","metric":...}.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle, migrate, privacyBudgetLedger } from '@parlance/db';
import { and, notLike, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createAudiencePort } from '../engine/adapter.js';
import { createServer } from '../main.js';
import { createApiKeyForOrg, createOrganization } from '../modules/admin/admin.service.js';
import { SyntheticLoader } from '../testing/fake-loader.js';
import type { LoadParams, LoadResult } from './load.js';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ORGS = Number(process.env.BENCH_ORGS ?? 8);
const DAILY_BUDGET = process.env.BENCH_DAILY_BUDGET ?? '1000000';
/** PARLANCE_AUDIENCE_THREADS for the server under test (default: the product's default, auto). */
const THREADS = process.env.BENCH_THREADS ?? 'auto';
const EPSILON = 0.1;

/** A fresh database on the DATABASE_URL server (dropped by the returned cleanup), or PGlite. */
async function openBenchDb(): Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await createDb({ dataDir: 'memory://' });
    return { handle, cleanup: () => handle.close() };
  }
  const admin = await createDb({ databaseUrl: url, maxConnections: 1 });
  const name = `parlance_bench_${process.pid}_${Date.now()}`;
  await admin.execute(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: target.toString() });
  return {
    handle,
    async cleanup() {
      await handle.close();
      await admin.execute(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

function runLoad(params: LoadParams): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(params);
  });
}

const { handle, cleanup } = await openBenchDb();
await migrate(handle);
const config = loadConfig({
  PORT: '0',
  PARLANCE_LOG_LEVEL: 'silent',
  PARLANCE_RATE_LIMIT_PER_MINUTE: '100000000',
  PARLANCE_SNAPSHOT_INTERVAL_SECONDS: '3600',
  PARLANCE_EPSILON: String(EPSILON),
  PARLANCE_DAILY_BUDGET: DAILY_BUDGET,
  PARLANCE_AUDIENCE_THREADS: THREADS,
});
const secret = 'bench-noise-secret-0123456789abcdef0123456789';
const t0 = performance.now();
const engine = createAudiencePort({
  config,
  noiseSecret: secret,
  db: handle,
  loader: new SyntheticLoader(USERS),
});
await engine.whenReady();
const buildMs = performance.now() - t0;
const keys: string[] = [];
for (let i = 0; i < ORGS; i++) {
  await createOrganization(handle.db, { name: `Bench ${i}`, slug: `bench-${i}` });
  const { secret: apiKey } = await createApiKeyForOrg(handle.db, {
    organizationSlug: `bench-${i}`,
    name: 'bench',
    scopes: ['audiences:read'],
  });
  keys.push(apiKey);
}
const server = await createServer({
  config,
  db: handle,
  secrets: { noiseSecret: secret, pseudonymKey: secret, ingestToken: secret },
  logger: pino({ level: 'silent' }),
  engine,
});

const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const result = await runLoad({
  url: `${server.url}/graphql`,
  keys,
  connections: CONNECTIONS,
  seconds: SECONDS,
});
const cpu = process.cpuUsage(cpu0);
const serverCpu = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
await server.close(); // flushes the audit log
await engine.stop(); // flushes the ledger, closes the index's worker threads

const [ledger] = await handle.db
  .select({
    answers: sql<number>`count(*)::int`,
    epsilon: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8`,
  })
  .from(privacyBudgetLedger)
  .where(and(notLike(privacyBudgetLedger.answerKey, 'reservation:%')));
const [all] = await handle.db
  .select({ epsilon: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8` })
  .from(privacyBudgetLedger);
const [audit] = await handle.execute<{ n: number }>('select count(*)::int as n from audit_log');
await cleanup();

const metrics = {
  users: USERS,
  index_build_ms: Math.round(buildMs),
  requests_per_second: result.requestsPerSecond,
  latency_p50_ms: result.p50,
  latency_p90_ms: result.p90,
  latency_p99_ms: result.p99,
  requests: result.requests,
  distinct_answers_charged: Number(ledger?.answers ?? 0),
  audit_rows: Number(audit?.n ?? 0),
  server_cpu_cores: Math.round(serverCpu * 100) / 100,
  server_cpu_ms_per_request:
    Math.round((serverCpu * SECONDS * 1000 * 1000) / Math.max(1, result.requests)) / 1000,
  load_generator_cpu_cores: result.cpuCores,
  non_2xx: result.non2xx,
  errors: result.errors,
  graphql_errors: result.graphqlErrors,
};
const exact = Math.abs(Number(all?.epsilon ?? 0) - metrics.distinct_answers_charged * EPSILON) < 1e-6;
console.error(
  `audienceEstimate over HTTP (${handle.kind}, ${config.audienceThreads} index threads), ${USERS.toLocaleString('en')} users, ${CONNECTIONS} connections, ` +
    `${ORGS} orgs, ${SECONDS} s: ${metrics.requests_per_second} req/s, p50 ${metrics.latency_p50_ms} ms, ` +
    `p99 ${metrics.latency_p99_ms} ms (target ≥ 2000 req/s, p99 ≤ 50 ms); ` +
    `${metrics.distinct_answers_charged} distinct answers charged (ledger ${exact ? 'exact' : 'NOT exact'} after close), ` +
    `${metrics.audit_rows} audit rows for ${metrics.requests} requests; server ${metrics.server_cpu_cores} cores, ${metrics.server_cpu_ms_per_request} ms CPU per request; load generator ${metrics.load_generator_cpu_cores} cores; ` +
    `non-2xx ${metrics.non_2xx}, errors ${metrics.errors}, GraphQL errors ${metrics.graphql_errors}`,
);
if (result.firstError) console.error(`first GraphQL error: ${result.firstError}`);
for (const [metric, value] of Object.entries(metrics)) {
  console.log(
    JSON.stringify({
      bench: 'api-estimate',
      metric,
      value,
      db: handle.kind,
      threads: config.audienceThreads,
    }),
  );
}
