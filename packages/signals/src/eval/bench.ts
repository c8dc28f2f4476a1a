// Classifier throughput on one core: `pnpm --filter @parlance/signals bench:classifier`.
// Human-readable lines go to stderr; the last stdout line is one JSON result for the bench runner.
import { cpus } from 'node:os';
import { classify } from '../classifier/index.js';
import { DEFAULT_EVAL_SET, loadEvalSet } from './evaluate.js';

const arg = process.argv.find((a) => a.startsWith('--messages='));
const total = arg ? Number(arg.slice('--messages='.length)) : 200_000;
if (!Number.isInteger(total) || total < 1)
  throw new Error(`--messages must be a positive integer, got ${arg}`);

// A deterministic corpus: the eval messages, varied (suffix/prefix, case) so caches see realistic churn.
const base = loadEvalSet(DEFAULT_EVAL_SET).map((m) => m.text);
const fillers = [
  '',
  ' thanks',
  ' lol',
  ' any ideas?',
  ' pls help',
  ' (asking for a friend)',
  ' tbh',
  ' this weekend',
];
const corpus: string[] = [];
for (let i = 0; corpus.length < Math.min(total, 50_000); i++) {
  const text = `${base[i % base.length]}${fillers[i % fillers.length]}`;
  corpus.push(i % 7 === 0 ? text.toUpperCase() : text);
}

// Warm-up: compiles the lexicon and lets the JIT settle.
for (let i = 0; i < 20_000; i++) classify(corpus[i % corpus.length] as string);

let sink = 0;
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < total; i++) {
  const r = classify(corpus[i % corpus.length] as string);
  sink += r.sensitive ? 1 : r.interests.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const used = process.cpuUsage(cpu0);
const cpuSeconds = (used.user + used.system) / 1e6;
// The loop is single-threaded, so CPU time is time on one core; on a shared, loaded machine it is
// the fair figure (wall time also counts the time other processes held the core).
const perSecond = Math.round(total / cpuSeconds);
const perWallSecond = Math.round(total / seconds);
const cpu = cpus()[0]?.model ?? 'unknown cpu';
process.stderr.write(
  `classifier: ${total.toLocaleString('en')} messages, ${cpuSeconds.toFixed(2)} s CPU on one core = ` +
    `${perSecond.toLocaleString('en')} messages/s (wall ${seconds.toFixed(2)} s = ${perWallSecond.toLocaleString('en')}/s; ` +
    `${cpu}, ${cpus().length} cores, node ${process.version}; checksum ${sink})\n`,
);
console.log(
  JSON.stringify({
    bench: 'classifier',
    metric: 'messages_per_second',
    value: perSecond,
    messages: total,
    wallPerSecond: perWallSecond,
  }),
);
