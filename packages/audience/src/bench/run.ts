/**
 * Audience engine benchmark. Human table on stderr; one JSON line per metric on stdout.
 *   pnpm bench                       # 1M and 10M users
 *   pnpm bench --users 1000000       # one or more sizes, comma separated
 *   pnpm bench --users 200000 --runs 50
 *   pnpm bench --threads 2           # only the 2-thread index (default: 1,2 side by side)
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { IndexMemory } from '../bitmap-index.js';
import { InMemoryBudgetStore } from '../budget.js';
import { AudienceEngine, type AudienceEngineOptions } from '../engine.js';
import { countSpec } from '../evaluate.js';
import type { AudienceLoader } from '../loader.js';
import { type CanonicalSpec, canonicalizeSpec } from '../spec.js';
import { ThreadedIndex } from '../threaded-index.js';
import { type BenchFillArgs, type BenchFillResult, benchCatalog, generatePopulation } from './population.js';
import { COMPOSITE, SINGLE } from './suite.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined
    ? process.argv[i + 1]!
    : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};
const sizes = arg('users', '1000000,10000000').split(',').map(Number);
/** 1 = one index in this thread; N > 1 = N partitions in N threads ({@link ThreadedIndex}). */
const threadCounts = arg('threads', '1,2').split(',').map(Number);
const runsArg = Number(arg('runs', '0'));
const NOW = new Date('2025-06-30T12:00:00Z');

const emptyLoader: AudienceLoader = {
  async *scan() {},
  async *changesSince() {},
};

function stats(ms: number[]): { p50: number; p99: number; mean: number } {
  const s = [...ms].sort((x, y) => x - y);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((a, x) => a + x, 0) / s.length };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Wall and CPU time per call. The machine is shared (often 5× oversubscribed), so wall time
 * includes waiting for a core; process CPU time (all threads, GC included) is the steadier
 * figure of the work itself.
 */
async function timeIt(runs: number, fn: (i: number) => unknown): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(i); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    const t = performance.now();
    await fn(i);
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { wall, cpu };
}

const rows: string[][] = [];
const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`);
function emit(
  bench: string,
  metric: string,
  value: number,
  unit: string,
  extra: Record<string, unknown> = {},
): void {
  process.stdout.write(
    `${JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, unit, ...extra })}\n`,
  );
  rows.push([bench, metric, value.toFixed(unit === 'ms' ? 2 : 0), unit]);
}

/**
 * A full GC between configurations, so CRoaring memory of the previous index (freed by its
 * finalizers) does not count against the next one: CRoaring's allocation counter is process-wide.
 */
setFlagsFromString('--expose_gc');
const fullGc = runInNewContext('gc') as () => void;

/** Runs the fixed suite through `engine`; `count` is the evaluator alone (no privacy layer). */
async function runSuite(
  bench: string,
  users: number,
  runs: number,
  engine: AudienceEngine,
  count: (spec: CanonicalSpec) => number | Promise<number>,
): Promise<void> {
  const catalog = benchCatalog();
  const canon = COMPOSITE.map((s) => canonicalizeSpec(s, {}, { catalog, at: NOW }));
  const single = canonicalizeSpec(SINGLE, {}, { catalog, at: NOW });
  emit(bench, 'composite_exact_count', await count(canon[0]!), 'count', { users });
  const suite: [string, (i: number) => unknown][] = [
    ['single_count', () => count(single)],
    ['composite_count', (i) => count(canon[i % canon.length]!)],
    ['single_estimate', () => engine.estimate('bench', SINGLE)],
    ['composite', (i) => engine.estimate('bench', COMPOSITE[i % COMPOSITE.length]!)],
    ['breakdown_country', (i) => engine.breakdown('bench', COMPOSITE[i % COMPOSITE.length]!, 'COUNTRY')],
    ['insights', (i) => engine.insights('bench', COMPOSITE[i % COMPOSITE.length]!, 10)],
  ];
  for (const [name, fn] of suite) {
    const t = await timeIt(name === 'insights' ? Math.ceil(runs / 2) : runs, fn);
    const s = stats(t.wall);
    const c = stats(t.cpu);
    emit(bench, `${name}_p50_ms`, s.p50, 'ms', { users });
    emit(bench, `${name}_p99_ms`, s.p99, 'ms', { users });
    emit(bench, `${name}_cpu_p50_ms`, c.p50, 'ms', { users });
    emit(bench, `${name}_cpu_p99_ms`, c.p99, 'ms', { users });
  }
}

function emitMemory(bench: string, users: number, mem: IndexMemory, rssDelta: number): void {
  emit(bench, 'snapshot_bitmap_bytes', mem.snapshotBitmapBytes, 'bytes', { users });
  emit(bench, 'bucket_bitmap_bytes', mem.bucketBytes, 'bytes', { users });
  emit(bench, 'roaring_allocated_bytes', mem.roaringAllocatedBytes, 'bytes', { users });
  emit(bench, 'slot_table_bytes', mem.slotTableBytes, 'bytes', { users });
  emit(bench, 'demographic_bytes', mem.demographicBytes, 'bytes', { users });
  emit(bench, 'rss_delta_bytes', rssDelta, 'bytes', { users });
  emit(bench, 'js_heap_used_bytes', process.memoryUsage().heapUsed, 'bytes', { users });
  emit(bench, 'load_average_1m', loadavg()[0]!, 'load', { users });
}

const engineOver = (index: AudienceEngineOptions['index']): AudienceEngine =>
  new AudienceEngine({
    loader: emptyLoader,
    budgetStore: new InMemoryBudgetStore(),
    privacy: { secret: 'bench-secret-bench-secret-bench!', dailyBudget: 1e12 },
    snapshotIntervalMs: 0,
    now: () => NOW,
    catalog: benchCatalog(),
    ...(index === undefined ? {} : { index }),
  });

/** One index in this thread: the engine's default. */
async function oneThread(users: number, runs: number): Promise<void> {
  const bench = `audience-${label(users)}`;
  const rss0 = process.memoryUsage().rss;
  const gen = generatePopulation(users, { now: NOW });
  const t1 = performance.now();
  const snap = gen.index.buildSnapshot(NOW);
  const snapshotMs = performance.now() - t1;
  emit(bench, 'signals', gen.signals, 'count', { users });
  emit(bench, 'generate_ms', gen.generateMs - gen.indexMs, 'ms', { users, note: 'synthetic generator only' });
  emit(bench, 'ingest_ms', gen.indexMs, 'ms', { users, note: 'slot table + profiles + bucket bitmaps' });
  emit(bench, 'snapshot_build_ms', snapshotMs, 'ms', { users });
  emit(bench, 'build_ms', gen.indexMs + snapshotMs, 'ms', { users, note: 'ingest + first snapshot' });
  emit(bench, 'build_with_generator_ms', gen.generateMs + snapshotMs, 'ms', { users });
  emitMemory(bench, users, gen.index.memory(), process.memoryUsage().rss - rss0);
  const engine = engineOver(gen.index);
  await engine.start();
  await runSuite(bench, users, runs, engine, (spec) => countSpec(snap, spec));
  await engine.stop();
  snap.memo.clear();
}

/**
 * The same population split over `threads` partitions evaluated in parallel ({@link ThreadedIndex}):
 * each thread generates the whole population and keeps its own users, so generator and ingest
 * run in every thread at once; build time is the slowest thread's ingest plus the parallel build.
 */
async function threaded(users: number, runs: number, threads: number): Promise<void> {
  const bench = `audience-${label(users)}-${threads}t`;
  const rss0 = process.memoryUsage().rss;
  const index = new ThreadedIndex({ threads, catalog: benchCatalog(), expectedUsers: users });
  const t0 = performance.now();
  const parts = await index.fill<BenchFillArgs, BenchFillResult>(
    new URL('./population.ts', import.meta.url).href,
    'fillBenchPartition',
    { users, now: NOW.getTime() },
  );
  const fillMs = performance.now() - t0;
  const t1 = performance.now();
  const snap = await index.buildSnapshot(NOW);
  const snapshotMs = performance.now() - t1;
  const ingestMs = Math.max(...parts.map((p) => p.indexMs));
  emit(bench, 'threads', threads, 'count', { users });
  emit(
    bench,
    'signals',
    parts.reduce((a, p) => a + p.signals, 0),
    'count',
    { users },
  );
  emit(bench, 'partition_users_min', Math.min(...parts.map((p) => p.users)), 'count', { users });
  emit(bench, 'partition_users_max', Math.max(...parts.map((p) => p.users)), 'count', { users });
  emit(bench, 'ingest_ms', ingestMs, 'ms', { users, note: 'slowest partition' });
  emit(bench, 'snapshot_build_ms', snapshotMs, 'ms', { users, note: 'partitions in parallel' });
  emit(bench, 'build_ms', ingestMs + snapshotMs, 'ms', { users, note: 'ingest + first snapshot' });
  emit(bench, 'build_with_generator_ms', fillMs + snapshotMs, 'ms', { users });
  emitMemory(bench, users, await index.memory(), process.memoryUsage().rss - rss0);
  const engine = engineOver(index);
  await engine.start();
  await runSuite(bench, users, runs, engine, (spec) => index.count(snap, spec));
  await engine.stop();
  await index.close();
}

for (const users of sizes) {
  const runs = runsArg > 0 ? runsArg : users >= 5_000_000 ? 100 : 200;
  for (const t of threadCounts) {
    fullGc();
    if (t === 1) await oneThread(users, runs);
    else await threaded(users, runs, t);
  }
}

const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), 6));
process.stderr.write(
  `${['bench', 'metric', 'value', 'unit'].map((h, i) => h.padEnd(widths[i]!)).join('  ')}\n${rows
    .map((r) => r.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  '))
    .join('\n')}\n`,
);
