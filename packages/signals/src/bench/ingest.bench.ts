/**
 * End-to-end ingestion benchmark: generates realistic profile + chat events in memory, ingests
 * them into a fresh Postgres database (created and dropped here) and into in-memory PGlite.
 * Prints a table to stderr and one JSON line per backend to stdout.
 *
 *   pnpm --filter @parlance/signals bench [--messages 200000 --users 20000 --runs 3 --batch-size 5000]
 * Postgres: the median of `--runs` runs, each into its own fresh database. The CPU line splits
 * the cost between this process (parse, classify, gate) and the Postgres backends.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (default) names the admin database.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDb, type DbHandle, migrate } from '@parlance/db';
import { type Classification, classify } from '../classifier/index.js';
import { createIngestor, type IngestSummary } from '../ingest/ingestor.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    users: { type: 'string', default: '20000' },
    'pglite-messages': { type: 'string', default: '50000' },
    'batch-size': { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
  },
});
const NOW = new Date('2025-06-30T12:00:00Z');
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const TOPICS = [
  'golf clubs',
  'sushi restaurants',
  'hiking boots',
  'a new camera',
  'marathon training',
  'jazz records',
  'sourdough bread',
  'electric cars',
  'a trip to Lisbon',
  'yoga mats',
  'video games',
  'the NBA playoffs',
  'houseplants',
  'home espresso machines',
  'a mechanical keyboard',
  'fly fishing',
  'knitting patterns',
  'a gaming laptop',
  'wine pairings',
  'camping gear',
  'chess openings',
  'surfing lessons',
  'a road bike',
];
const FRAMES = [
  'any tips on {t}?',
  'what are the best {t} for beginners',
  'compare {t} under $500 pls',
  'i want to get into {t}, where do i start',
  'write me a short poem about {t}',
  'is {t} worth it lol',
  'my friend recommended {t}, thoughts?',
  'what is 17 times 23?',
  'summarize this email for me',
  'help me plan a weekend with {t}',
];
const COUNTRIES = ['US', 'US', 'US', 'CA', 'BR', 'MX', 'JP', 'AU', 'IN', 'US', 'FR', 'DE', 'GB', 'KR'];

/** A tiny deterministic PRNG, so every run ingests the same events. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(messages: number, users: number): string[] {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const lines: string[] = [];
  const start = NOW.getTime() - 30 * 86_400_000;
  for (let u = 0; u < users; u++) {
    lines.push(
      JSON.stringify({
        type: 'profile',
        eventId: `p-${u}`,
        userId: `platform-user-${u}`,
        occurredAt: new Date(start - 86_400_000).toISOString(),
        country: pick(COUNTRIES),
        birthYear: 1950 + Math.floor(rand() * 60),
        optedOut: rand() < 0.03,
      }),
    );
  }
  for (let i = 0; i < messages; i++) {
    lines.push(
      JSON.stringify({
        type: 'chat',
        eventId: `c-${i}`,
        userId: `platform-user-${Math.floor(rand() * users)}`,
        occurredAt: new Date(start + Math.floor((i / messages) * 30 * 86_400_000)).toISOString(),
        text: pick(FRAMES).replace('{t}', pick(TOPICS)),
        surface: rand() < 0.7 ? 'app' : 'web',
      }),
    );
  }
  return lines;
}

/** Used only while the package classifier is unavailable: one interest per generated topic. */
function standInClassifier(text: string): Classification {
  const interests = [];
  for (let i = 0; i < TOPICS.length; i++) {
    const topic = TOPICS[i] as string;
    if (text.includes(topic))
      interests.push({ id: String(100 + i), name: topic, confidence: 0.9, matched: [topic] });
  }
  return { sensitive: false, interests };
}

function pickClassifier(): { name: string; fn: (text: string) => Classification } {
  try {
    classify('any tips on golf clubs?');
    return { name: 'package classifier', fn: classify };
  } catch {
    return { name: 'stand-in topic classifier (package classifier not available)', fn: standInClassifier };
  }
}

async function run(
  handle: DbHandle,
  lines: string[],
  classifier: (t: string) => Classification,
): Promise<IngestSummary> {
  const ingestor = createIngestor({
    db: handle,
    pseudonymKey: 'bench-pseudonym-key-0123456789abcdef',
    now: NOW,
    batchSize: Number(args['batch-size']),
    classifier,
  });
  return ingestor.ingestLines(lines);
}

/** CPU seconds spent so far by the server processes serving database `name` (Linux /proc). */
async function serverCpuSeconds(admin: DbHandle, name: string): Promise<number> {
  const rows = await admin.execute<{ pid: number }>(
    `select pid from pg_stat_activity where datname = '${name}'`,
  );
  let ticks = 0;
  for (const { pid } of rows) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
  }
  return ticks / 100;
}

interface CpuSplit {
  node: number;
  server: number;
}

function report(
  backend: string,
  summary: IngestSummary,
  messages: number,
  classifierName: string,
  cpu?: CpuSplit,
): void {
  const seconds = summary.durationMs / 1000;
  const rejected = Object.entries(summary.rejected)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  const rate = Math.round(messages / seconds);
  process.stderr.write(
    [
      `ingest → ${backend}  (${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version})`,
      `  classifier        ${classifierName}`,
      `  lines             ${summary.lines.toLocaleString('en-US')} (${messages.toLocaleString('en-US')} chat messages)`,
      `  accepted          ${summary.accepted.toLocaleString('en-US')}`,
      `  rejected          ${rejected || 'none'}`,
      `  signals written   ${summary.signalsWritten.toLocaleString('en-US')}`,
      `  time              ${seconds.toFixed(2)} s`,
      `  throughput        ${rate.toLocaleString('en-US')} messages/s (${summary.messagesPerSecond.toLocaleString('en-US')} lines/s)`,
      `  load average      ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (other processes share these cores)`,
      ...(cpu
        ? [
            `  CPU               node ${cpu.node.toFixed(2)} s, postgres ${cpu.server.toFixed(2)} s` +
              ` (${Math.round((cpu.node * 1e6) / messages)} + ${Math.round((cpu.server * 1e6) / messages)} µs per message)`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: `ingest-${backend}`,
      metric: 'messages_per_second',
      value: rate,
      messages,
      ...(backend === 'postgres' ? { target: '>= 20000' } : {}),
      load1: Number(loadavg()[0]?.toFixed(1)),
    })}\n`,
  );
}

/** One ingestion into a fresh Postgres database (created and dropped here). */
async function postgresRun(lines: string[], classifier: (t: string) => Classification) {
  const name = `parlance_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createDb({ databaseUrl: adminUrl, maxConnections: 1 });
  await admin.execute(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 4 });
    try {
      await migrate(handle);
      await handle.execute('select 1');
      const serverBefore = await serverCpuSeconds(admin, name);
      const nodeBefore = process.cpuUsage();
      const summary = await run(handle, lines, classifier);
      const nodeUsed = process.cpuUsage(nodeBefore);
      const cpu = {
        node: (nodeUsed.user + nodeUsed.system) / 1e6,
        server: (await serverCpuSeconds(admin, name)) - serverBefore,
      };
      return { summary, cpu };
    } finally {
      await handle.close();
    }
  } finally {
    await admin.execute(`drop database if exists ${name} with (force)`);
    await admin.close();
  }
}

async function main(): Promise<void> {
  const messages = Number(args.messages);
  const users = Number(args.users);
  const runs = Number(args.runs);
  const classifier = pickClassifier();
  const lines = generate(messages, users);

  // The cores are shared: several runs, and the median is the figure reported.
  const results = [];
  for (let i = 0; i < runs; i++) {
    const result = await postgresRun(lines, classifier.fn);
    process.stderr.write(
      `  run ${i + 1}/${runs}: ${Math.round(messages / (result.summary.durationMs / 1000))} messages/s\n`,
    );
    results.push(result);
  }
  results.sort((a, b) => a.summary.durationMs - b.summary.durationMs);
  const median = results[Math.floor((results.length - 1) / 2)];
  if (median) report('postgres', median.summary, messages, classifier.name, median.cpu);

  const pgliteMessages = Number(args['pglite-messages']);
  if (pgliteMessages > 0) {
    const pgliteLines = generate(pgliteMessages, Math.min(users, Math.ceil(pgliteMessages / 10)));
    const handle = await createDb({ dataDir: 'memory://' });
    try {
      await migrate(handle);
      report('pglite', await run(handle, pgliteLines, classifier.fn), pgliteMessages, classifier.name);
    } finally {
      await handle.close();
    }
  }
}

await main();
