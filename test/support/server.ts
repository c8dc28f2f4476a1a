import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO_ROOT, 'packages', 'cli', 'bin', 'parlance.mjs');

/** A free TCP port on loopback, for a server we are about to start. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface TestEnvironment {
  /** Environment for every `parlance` process of this test file. */
  env: Record<string, string>;
  dataDir: string;
  ingestToken: string;
  /** Runs a `parlance` verb to completion and returns its output (throws on failure). */
  cli(args: string[], input?: string): { stdout: string; stderr: string };
  /** Starts `parlance <verb>` (serve by default) and resolves once /readyz answers 200. */
  start(options?: { verb?: 'serve' | 'start'; extraEnv?: Record<string, string> }): Promise<RunningServer>;
  /** Drops the temporary database and data directory. */
  dispose(): Promise<void>;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * An isolated Parlance installation: a temp data directory (embedded PGlite), or a fresh
 * database on the Postgres named by DATABASE_URL. Secrets are random per environment.
 */
export async function createTestEnvironment(
  overrides: Record<string, string> = {},
): Promise<TestEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parlance-e2e-'));
  const ingestToken = randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    PARLANCE_ENV: 'test',
    PARLANCE_DATA_DIR: dataDir,
    PARLANCE_SECRET: randomBytes(32).toString('hex'),
    PARLANCE_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    PARLANCE_INGEST_TOKEN: ingestToken,
    PARLANCE_SNAPSHOT_INTERVAL_SECONDS: '1',
    PARLANCE_LOG_LEVEL: 'warn',
    PARLANCE_DEMO: 'false',
    ...overrides,
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl && !overrides.DATABASE_URL) {
    const name = `parlance_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  }
  const servers: RunningServer[] = [];

  return {
    env,
    dataDir,
    ingestToken,
    cli(args, input) {
      const result = spawnSync(process.execPath, [CLI, ...args], {
        cwd: REPO_ROOT,
        env,
        input,
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (result.status !== 0) {
        throw new Error(
          `parlance ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
        );
      }
      return { stdout: result.stdout, stderr: result.stderr };
    },
    async start(options = {}) {
      const port = await freePort();
      const child = spawn(process.execPath, [CLI, options.verb ?? 'serve'], {
        cwd: REPO_ROOT,
        env: { ...env, HOST: '127.0.0.1', PORT: String(port), ...options.extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr?.on('data', (chunk) => {
        output += chunk;
      });
      const url = `http://127.0.0.1:${port}`;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 240_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`server not ready within 240 s:\n${output}`);
        }
        const ready = await fetch(`${url}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ready) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const server: RunningServer = {
        url,
        process: child,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null) child.kill(signal);
          return await exited;
        },
      };
      servers.push(server);
      return server;
    },
    async dispose() {
      await Promise.all(servers.map((s) => s.stop('SIGKILL')));
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
