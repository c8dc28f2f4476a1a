#!/usr/bin/env node
// The README's two commands land here: `npm start` and `npm test`.
// It needs only Node.js and npm: it installs the pinned pnpm into .tools/ (no global install,
// no root), installs the workspace, builds what is needed, then starts Parlance or runs every test.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const started = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
// Native modules (roaring) compile against the system's Node headers when present, and never try
// to download prebuilt binaries from outside the npm registry.
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
env.npm_config_build_from_source = 'true';

function log(message) {
  process.stderr.write(`\x1b[2m[parlance]\x1b[0m ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    log(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function pnpmBinary() {
  try {
    const version = execFileSync('pnpm', ['--version'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (version === pinned) return 'pnpm';
  } catch {
    // not installed: fall through to the project-local copy
  }
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) {
    log(`installing pnpm ${pinned} into .tools/ ...`);
    run('npm', [
      'install',
      '--prefix',
      join(root, '.tools'),
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${pinned}`,
    ]);
  }
  return local;
}

function installIfNeeded(pnpm) {
  const lock = join(root, 'pnpm-lock.yaml');
  const installed = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  const upToDate =
    existsSync(installed) && readFileSync(installed, 'utf8').length > 0 && sameLockfile(lock, installed);
  if (upToDate) return;
  log('installing dependencies (pnpm install --frozen-lockfile) ...');
  run(pnpm, ['install', '--frozen-lockfile']);
}

function sameLockfile(a, b) {
  // pnpm keeps a copy of the lockfile it installed; if the importers and packages match, skip.
  const strip = (text) => text.replace(/^lockfileVersion.*$/m, '').trim();
  return strip(readFileSync(a, 'utf8')) === strip(readFileSync(b, 'utf8'));
}

const pnpm = pnpmBinary();
installIfNeeded(pnpm);

if (mode === 'start') {
  log('building ...');
  run(pnpm, [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@parlance/cli...',
    '--filter=@parlance/dashboard',
    '--output-logs=errors-only',
  ]);
  log(`ready to start after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const child = spawn(
    process.execPath,
    [join(root, 'packages/cli/bin/parlance.mjs'), 'start', ...process.argv.slice(3)],
    {
      cwd: root,
      env: { ...env, PARLANCE_STARTED_AT: String(started) },
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (mode === 'test') {
  const backend = env.DATABASE_URL
    ? `Postgres (${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')})`
    : 'embedded PGlite';
  log(`running every test on ${backend}`);
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  run(pnpm, ['exec', 'biome', 'check', '.']);
  run(pnpm, ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  run(pnpm, ['exec', 'turbo', 'run', 'test', '--concurrency=1']);
  run(pnpm, ['--filter', '@parlance/e2e', 'run', 'test:e2e']);
  log(`all tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} else if (mode === 'stress') {
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  run(pnpm, ['--filter', '@parlance/e2e', 'run', 'test:stress']);
} else {
  log(`unknown mode ${mode}: use start, test or stress`);
  process.exit(2);
}
