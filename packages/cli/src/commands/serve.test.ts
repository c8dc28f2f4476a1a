import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'parlance-serve-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `parlance serve` from source (tsx), on a free port over a fresh embedded database. */
function serve(): { process: ChildProcess; url: Promise<string>; exit: Promise<number | null> } {
  // Node itself (not a pnpm or tsx wrapper), so the signal reaches the serving process.
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=development',
      '--input-type=module',
      '-e',
      "import { main } from './src/main.ts'; process.exitCode = await main(['node', 'parlance', 'serve']);",
    ],
    {
      cwd: PACKAGE,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dataDir,
        PARLANCE_ENV: 'development',
        PARLANCE_DATA_DIR: dataDir,
        PARLANCE_DEMO: 'false',
        PARLANCE_LOG_LEVEL: 'warn',
        PORT: '0',
        // tsx applies a tsconfig only to the files it includes: the base one covers the server's decorators.
        TSX_TSCONFIG_PATH: join(PACKAGE, '..', '..', 'tsconfig.base.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/listening on (http:\/\/\S+?) /);
      if (found?.[1]) resolve(found[1]);
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${output}`)));
  });
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { process: proc, url, exit };
}

describe('parlance serve', () => {
  it('on SIGTERM finishes the in-flight request, then exits 0', { timeout: 120_000 }, async () => {
    const server = serve();
    child = server.process;
    const url = new URL(await server.url);
    // A request in flight: headers and half the body sent when the signal arrives.
    const body = JSON.stringify({ query: '{ __typename }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        if (server.process.pid) process.kill(server.process.pid, 'SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    const answered = await response;
    expect(answered).toEqual({ status: 200, text: expect.stringContaining('"__typename":"Query"') });
    expect(await server.exit).toBe(0);
  });
});
