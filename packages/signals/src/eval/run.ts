// `pnpm eval`: scores the shipped classifier on every labelled evaluation set (see data/eval/README.md).
// `--errors` lists the misclassified messages of every set.
import { classify } from '../classifier/index.js';
import type { EvalReport } from './evaluate.js';
import { EVAL_SETS, evaluate, loadEvalSet } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const verbose = process.argv.includes('--errors');

function print(name: string, note: string, report: EvalReport): void {
  console.log(`== ${name} (${note})`);
  console.log(
    `${report.messages} messages (${report.interestMessages} with interests, ` +
      `${report.sensitiveMessages} sensitive, ${report.noInterestMessages} without interest), ` +
      `${report.distinctInterests} distinct interests`,
  );
  console.log(
    `${'tier-2 group'.padEnd(34)}${'P'.padStart(7)}${'R'.padStart(7)}${'F1'.padStart(7)}   tp  fp  fn`,
  );
  for (const [g, m] of Object.entries(report.groups)) {
    console.log(
      `${g.padEnd(34)}${pct(m.precision)}${pct(m.recall)}${pct(m.f1)} ${String(m.tp).padStart(4)}${String(m.fp).padStart(4)}${String(m.fn).padStart(4)}`,
    );
  }
  const m = report.micro;
  console.log(
    `micro: precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`,
  );
  console.log(
    `sensitive: leakage ${report.leakage} (target 0), flagged ${pct(report.sensitiveRecall)} of sensitive messages, ` +
      `${report.falseSensitive} non-sensitive messages flagged sensitive`,
  );
  if (verbose)
    for (const e of report.errors)
      console.log(
        `  ${e.id}  expected ${JSON.stringify(e.expected)} got ${JSON.stringify(e.got)}  | ${e.text}`,
      );
  else console.log(`(${report.errors.length} messages with an error; run with --errors to list them)`);
  console.log('');
}

const reports = EVAL_SETS.map((s) => {
  const report = evaluate(loadEvalSet(s.url), classify);
  print(s.name, s.note, report);
  return { ...s, report };
});
const main = reports[0]?.report;
const leaks = reports.reduce((n, r) => n + r.report.leakage, 0);
const ok = main !== undefined && main.micro.f1 >= 0.85 && leaks === 0;
console.log(
  `summary: ${reports.map((r) => `${r.name} F1 ${pct(r.report.micro.f1).trim()} leakage ${r.report.leakage}`).join(' | ')}`,
);
console.log(
  ok
    ? 'targets met (main micro-F1 >= 0.85, leakage = 0 on every set)'
    : 'TARGETS NOT MET (main micro-F1 >= 0.85, leakage = 0 on every set)',
);
process.exitCode = ok ? 0 : 1;
