#!/usr/bin/env node
// `pnpm bench`: runs every package's `bench` script one after another (benchmarks must not
// share the two cores), collects the JSON result lines they print on stdout
// ({"bench", "metric", "value", ...}), prints one table and rewrites the figures section
// of docs/benchmarks.md with the date, machine and data sizes. `--no-write` leaves docs alone.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const write = !process.argv.includes('--no-write');
const filters = process.argv
  .slice(2)
  .filter((a) => a.startsWith('--filter='))
  .map((a) => a);

const results = [];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
const child = spawn(
  'pnpm',
  ['exec', 'turbo', 'run', 'bench', '--concurrency=1', '--log-prefix=none', '--log-order=stream', ...filters],
  { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
);
let buffer = '';
child.stdout.on('data', (chunk) => {
  buffer += chunk;
  let newline = buffer.indexOf('\n');
  while (newline >= 0) {
    const line = buffer.slice(0, newline).trim();
    buffer = buffer.slice(newline + 1);
    newline = buffer.indexOf('\n');
    if (line.startsWith('{"bench"')) {
      try {
        results.push(JSON.parse(line));
        continue;
      } catch {
        // not a result line after all: print it like any other
      }
    }
    process.stderr.write(`${line}\n`);
  }
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const date = new Date().toISOString().slice(0, 10);
const rows = results.map((r) => {
  const { bench, metric, value, unit, target, ...rest } = r;
  const context = Object.entries(rest)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return `| ${bench} | ${metric} | ${typeof value === 'number' ? Number(value.toPrecision(4)) : value}${unit ? ` ${unit}` : ''} | ${target ?? ''} | ${context} |`;
});
const table = [
  '| bench | metric | value | target | context |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
console.log(`\nBenchmarks, ${date}, ${machine}\n\n${table}\n`);

if (write && results.length > 0) {
  const file = join(root, 'docs', 'benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const section = `${start}\nLatest run: ${date} on ${machine}.\n\n${table}\n${end}`;
  const next = doc.includes(start)
    ? doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), section)
    : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.log('docs/benchmarks.md updated.');
}
process.exit(code);
