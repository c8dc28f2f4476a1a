/**
 * Faults: kill the ingester with SIGKILL mid-file and rerun; stop Postgres mid-ingestion and
 * start it again (only with DATABASE_URL); restart the server under load. Afterwards the signal,
 * profile and ledger tables equal those of an uninterrupted run of the same file (no loss, no
 * double count), the API recovers without a restart where possible, and /readyz tells the truth.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient } from '../support/graphql.js';
import { sleep } from '../support/population.js';
import { createTestEnvironment, REPO_ROOT, type TestEnvironment } from '../support/server.js';
import { digestTables, type TableDigest } from '../support/tables.js';
import { createTenant } from '../support/tenants.js';

const USERS = Number(process.env.FAULT_USERS ?? 15_000);
const CLI = join(REPO_ROOT, 'packages', 'cli', 'bin', 'parlance.mjs');
const withPostgres = Boolean(process.env.DATABASE_URL);

/** Starts `parlance ingest FILE` as a child process (so it can be killed). */
function ingestChild(
  env: TestEnvironment,
  file: string,
  extraArgs: string[] = [],
): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [CLI, 'ingest', file, '--no-progress', ...extraArgs], {
    cwd: REPO_ROOT,
    env: env.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => {
    output += c;
  });
  child.stderr?.on('data', (c) => {
    output += c;
  });
  return { child, exited: new Promise((r) => child.once('exit', (code) => r(code))), output: () => output };
}

/** The machine's Postgres cluster, controlled as the brief says. */
function postgresCluster(action: 'stop' | 'start'): void {
  const version = readdirSync('/etc/postgresql')[0]!;
  const r = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0 && !(action === 'start' && /already running/i.test(`${r.stdout}${r.stderr}`))) {
    throw new Error(`pg_ctlcluster ${action} failed: ${r.stdout}\n${r.stderr}`);
  }
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe('stress: faults', () => {
  // The same pseudonym key everywhere, so the stored (pseudonymous) user ids compare equal.
  const shared = { PARLANCE_PSEUDONYM_KEY: randomBytes(32).toString('hex'), PARLANCE_LOG_LEVEL: 'error' };
  let reference: TestEnvironment;
  let file: string;
  let expected: TableDigest;

  beforeAll(async () => {
    reference = await createTestEnvironment(shared);
    file = join(reference.dataDir, 'events.ndjson');
    reference.cli([
      'demo',
      'generate',
      '--out',
      file,
      '--users',
      String(USERS),
      '--seed',
      'faults',
      '--now',
      new Date().toISOString(),
    ]);
    const started = Date.now();
    reference.cli(['ingest', file, '--no-progress']);
    console.info(`faults: reference ingestion of ${USERS} users took ${Date.now() - started} ms`);
    expected = await digestTables(reference);
    expect(expected.signals).toBeGreaterThan(1000);
  });
  afterAll(async () => {
    await reference?.dispose();
  });

  it('SIGKILL of the ingester mid-file, then a rerun, gives the uninterrupted tables', {
    timeout: 600_000,
  }, async () => {
    // Kill while the ingester is genuinely mid-file: small batches make it commit often, and the
    // delay adapts until the kill lands after some batches committed and before the last.
    let delay = withPostgres ? 3_000 : 4_000;
    for (let attempt = 1; ; attempt++) {
      const env = await createTestEnvironment(shared);
      try {
        env.cli(['migrate']);
        const run = ingestChild(env, file, ['--batch-size', '500']);
        await sleep(delay);
        const finished = run.child.exitCode !== null;
        run.child.kill('SIGKILL');
        await run.exited;
        const partial = await digestTables(env);
        console.info(
          `faults: attempt ${attempt}, killed after ${delay} ms at ${partial.signals}/${expected.signals} signal rows${finished ? ' (it had already finished)' : ''}`,
        );
        const midFile = !finished && partial.signals > 0 && partial.signals < expected.signals;
        if (!midFile && attempt < 5) {
          delay = finished || partial.signals >= expected.signals ? Math.round(delay * 0.6) : delay + 1_500;
          continue;
        }
        expect(midFile, 'the kill landed mid-file').toBe(true);
        env.cli(['ingest', file, '--no-progress']);
        expect(await digestTables(env)).toEqual(expected);
        // A third run is a pure replay: nothing changes.
        env.cli(['ingest', file, '--no-progress']);
        expect(await digestTables(env)).toEqual(expected);
        return;
      } finally {
        await env.dispose();
      }
    }
  });

  it.runIf(withPostgres)(
    'Postgres stopped mid-ingestion: the API reports it, recovers without a restart, and a rerun completes the tables',
    { timeout: 600_000 },
    async () => {
      const env = await createTestEnvironment(shared);
      try {
        const tenant = createTenant(env, 'ops');
        const server = await env.start();
        const client = graphqlClient(server.url, { apiKey: tenant.apiKey });
        const run = ingestChild(env, file);
        await sleep(1_500);
        let readyWhileDown: number | undefined;
        let estimateWhileDown: (string | undefined)[] = [];
        try {
          postgresCluster('stop');
          await sleep(1_000);
          readyWhileDown = (await fetch(`${server.url}/readyz`)).status;
          const r = await client.request(
            'query { audienceEstimate(spec: { include: [["644"]] }) { lowerBound } }',
          );
          estimateWhileDown = (r.errors ?? []).map((e) => e.extensions?.code);
          // 503 + SERVICE_UNAVAILABLE is the truth while the database is down; never a 500.
          expect([200, 503]).toContain(r.status);
          expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
          await sleep(2_000);
        } finally {
          postgresCluster('start'); // never leave the machine's Postgres stopped
        }
        const code = await run.exited;
        console.info(
          `faults: ingester exit code ${code} after the outage; readyz while down ${readyWhileDown}; estimate codes ${estimateWhileDown.join(',')}`,
        );
        expect(readyWhileDown).toBe(503);
        for (const c of estimateWhileDown) expect(['SERVICE_UNAVAILABLE']).toContain(c);
        // The server recovers on its own.
        await waitUntil(
          'readyz 200 after Postgres is back',
          async () => (await fetch(`${server.url}/readyz`)).status === 200,
          60_000,
        );
        await waitUntil(
          'estimates answered after Postgres is back',
          async () =>
            !(await client.request('query { audienceEstimate(spec: { include: [["644"]] }) { lowerBound } }'))
              .errors,
          60_000,
        );
        await server.stop();
        env.cli(['ingest', file, '--no-progress']);
        expect(await digestTables(env)).toEqual(expected);
      } finally {
        postgresCluster('start');
        await env.dispose();
      }
    },
  );

  it('restarting the server under load loses no request to a 5xx and comes back serving', {
    timeout: 600_000,
  }, async () => {
    const env = await createTestEnvironment({ ...shared, PARLANCE_RATE_LIMIT_PER_MINUTE: '100000000' });
    try {
      env.cli(['demo', 'seed', '--users', '3000', '--seed', 'restart']);
      const tenant = createTenant(env, 'restart');
      let server = await env.start();
      let url = server.url;
      const counts = {
        ok: 0,
        fivexx: 0,
        refused: 0,
        otherErrors: 0,
        graphqlErrors: new Map<string, number>(),
      };
      let running = true;
      const worker = async () => {
        for (let i = 0; running && i < 1_000_000; i++) {
          try {
            const r = await graphqlClient(url, { apiKey: tenant.apiKey }).request(
              'query($s: AudienceSpecInput!) { audienceEstimate(spec: $s) { lowerBound } }',
              { s: { include: [[['644', '544', '543', '499'][i % 4]!]] } },
            );
            if (r.status >= 500) counts.fivexx++;
            else if (r.errors)
              for (const e of r.errors)
                counts.graphqlErrors.set(
                  String(e.extensions?.code),
                  (counts.graphqlErrors.get(String(e.extensions?.code)) ?? 0) + 1,
                );
            else counts.ok++;
          } catch (error) {
            const cause = String((error as { cause?: { code?: string } }).cause?.code ?? error);
            if (cause === 'ECONNREFUSED') counts.refused++;
            else counts.otherErrors++;
            await sleep(50);
          }
        }
      };
      const workers = Array.from({ length: 4 }, worker);
      await sleep(5_000);
      const okBefore = counts.ok;
      const exitCode = await server.stop('SIGTERM');
      server = await env.start();
      url = server.url;
      const okAtRestart = counts.ok;
      await sleep(5_000);
      running = false;
      await Promise.all(workers);
      console.info(
        `faults: restart under load: exit ${exitCode}, ok ${okBefore} before / ${counts.ok - okAtRestart} after, ` +
          `refused ${counts.refused}, other transport errors ${counts.otherErrors}, 5xx ${counts.fivexx}, ` +
          `GraphQL errors ${JSON.stringify([...counts.graphqlErrors])}`,
      );
      expect(exitCode).toBe(0);
      expect(counts.fivexx).toBe(0);
      expect([...counts.graphqlErrors.keys()].filter((c) => c !== 'SERVICE_UNAVAILABLE')).toEqual([]);
      expect(okBefore).toBeGreaterThan(10);
      expect(counts.ok - okAtRestart).toBeGreaterThan(10);
    } finally {
      await env.dispose();
    }
  });
});
