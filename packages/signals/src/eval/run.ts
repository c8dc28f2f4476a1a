// `pnpm eval`: scores the shipped classifier on the labelled evaluation set.
import { classify } from '../classifier/index.js';
import { DEFAULT_EVAL_SET, evaluate, HOLDOUT_EVAL_SET, loadEvalSet } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const report = evaluate(loadEvalSet(DEFAULT_EVAL_SET), classify);
const verbose = process.argv.includes('--errors');

console.log(
  `eval set: ${report.messages} messages (${report.interestMessages} with interests, ` +
    `${report.sensitiveMessages} sensitive, ${report.noInterestMessages} without interest), ` +
    `${report.distinctInterests} distinct interests`,
);
console.log('');
console.log(
  `${'tier-2 group'.padEnd(34)}${'P'.padStart(7)}${'R'.padStart(7)}${'F1'.padStart(7)}   tp  fp  fn`,
);
for (const [g, m] of Object.entries(report.groups)) {
  console.log(
    `${g.padEnd(34)}${pct(m.precision)}${pct(m.recall)}${pct(m.f1)} ${String(m.tp).padStart(4)}${String(m.fp).padStart(4)}${String(m.fn).padStart(4)}`,
  );
}
const m = report.micro;
console.log('');
console.log(
  `micro: precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`,
);
console.log(
  `sensitive: leakage ${report.leakage} (target 0), flagged ${pct(report.sensitiveRecall)} of sensitive messages, ` +
    `${report.falseSensitive} non-sensitive messages flagged sensitive`,
);
if (verbose) {
  console.log('');
  for (const e of report.errors)
    console.log(`${e.id}  expected ${JSON.stringify(e.expected)} got ${JSON.stringify(e.got)}  | ${e.text}`);
} else {
  console.log(`(${report.errors.length} messages with an error; run with --errors to list them)`);
}
const h = evaluate(loadEvalSet(HOLDOUT_EVAL_SET), classify);
console.log('');
console.log(
  `held-out set (${h.messages} messages, never tuned against): precision ${pct(h.micro.precision)}  recall ${pct(h.micro.recall)}  ` +
    `F1 ${pct(h.micro.f1)}  leakage ${h.leakage}`,
);
if (verbose)
  for (const e of h.errors)
    console.log(`${e.id}  expected ${JSON.stringify(e.expected)} got ${JSON.stringify(e.got)}  | ${e.text}`);
const ok = m.f1 >= 0.85 && report.leakage === 0 && h.leakage === 0;
console.log(
  ok ? 'targets met (micro-F1 >= 0.85, leakage = 0)' : 'TARGETS NOT MET (micro-F1 >= 0.85, leakage = 0)',
);
process.exitCode = ok ? 0 : 1;
