#!/usr/bin/env node
// Dashboard bench: initial JS (gzip) from the Vite build manifest, and first contentful paint of
// `vite preview` on localhost in Debian's Chromium (driven by playwright-core). Prints one JSON
// line per metric: {"bench":"dashboard","metric":...,"value":...}. Budgets: JS ≤ 250 kB, FCP ≤ 1 s.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = join(root, 'node_modules/vite/bin/vite.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_FCP_RUNS ?? 3);

function emit(metric, value, extra = {}) {
  console.log(JSON.stringify({ bench: 'dashboard', metric, value, ...extra }));
}

// 1. Build, then walk the manifest from the entry through its static imports only: the JS a
//    first visit downloads before anything lazy (routes, charts) is requested.
execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const manifest = JSON.parse(readFileSync(join(root, 'dist/.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('no entry in the Vite manifest');
const seen = new Set();
const css = new Set();
(function walk(key) {
  if (seen.has(key)) return;
  seen.add(key);
  for (const c of manifest[key].css ?? []) css.add(c);
  for (const dep of manifest[key].imports ?? []) walk(dep);
})(entryKey);
const gz = (file) => gzipSync(readFileSync(join(root, 'dist', file))).length;
const jsBytes = [...seen].reduce((n, key) => n + gz(manifest[key].file), 0);
const cssBytes = [...css].reduce((n, file) => n + gz(file), 0);
emit('initial_js_gzip_kb', Math.round((jsBytes / 1024) * 10) / 10, { chunks: seen.size, budget: 250 });
emit('initial_css_gzip_kb', Math.round((cssBytes / 1024) * 10) / 10);

// 2. Serve the build with `vite preview` and measure first contentful paint, cold, RUNS times.
const preview = spawn(
  process.execPath,
  [vite, 'preview', '--host', '127.0.0.1', '--port', '0', '--strictPort'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`vite preview did not start:\n${out}`)), 30_000);
    const onData = (chunk) => {
      out += chunk;
      // Vite colours its output; the port digits may be wrapped in escape codes.
      const plain = out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
      const match = plain.match(/http:\/\/127\.0\.0\.1:\d+\/?/);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    preview.stdout.on('data', onData);
    preview.stderr.on('data', onData);
    preview.once('exit', (code) => reject(new Error(`vite preview exited ${code}:\n${out}`)));
  });
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'parlance-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url, { waitUntil: 'load' });
      const fcp = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const found = performance.getEntriesByName('first-contentful-paint')[0];
            if (found) return resolve(found.startTime);
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true });
          }),
      );
      samples.push(fcp);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  samples.sort((a, b) => a - b);
  emit('first_contentful_paint_ms', Math.round(samples[Math.floor(samples.length / 2)]), {
    runs: samples.length,
    samples: samples.map(Math.round),
    budget: 1000,
  });
} finally {
  preview.kill('SIGTERM');
}
