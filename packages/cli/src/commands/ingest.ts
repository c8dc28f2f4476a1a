import { stat } from 'node:fs/promises';
import { loadConfig } from '@parlance/server';
import { createIngestor, type IngestSummary, readLines } from '@parlance/signals';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { openDatabase, resolveSecrets } from '../runtime.js';

interface IngestFlags {
  batchSize?: string;
  json?: boolean;
  progress?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest NDJSON profile and chat events from files (or - for stdin) into interest signals')
    .argument('<files...>', 'NDJSON files, or - for stdin')
    .option('--batch-size <n>', 'events per transaction', '5000')
    .option('--json', 'print the summaries as JSON instead of a table')
    .option('--no-progress', 'do not draw a progress bar')
    .action(async (files: string[], flags: IngestFlags) => {
      const config = loadConfig();
      const { pseudonymKey } = resolveSecrets(config);
      const handle = await openDatabase(config);
      try {
        const showBar = flags.progress !== false && process.stderr.isTTY === true;
        const results: { file: string; summary: IngestSummary }[] = [];
        for (const file of files) {
          const size = file === '-' ? 0 : ((await stat(file).catch(() => undefined))?.size ?? 0);
          const bar = showBar ? startBar(file, size) : undefined;
          let bytes = 0;
          const ingestor = createIngestor({
            db: handle,
            pseudonymKey,
            retentionDays: config.retentionDays,
            batchSize: Number(flags.batchSize ?? 5000),
            onProgress: (p) =>
              bar?.update(Math.min(bytes, size || bytes), { lines: p.lines, accepted: p.accepted }),
          });
          const counted = async function* () {
            for await (const line of readLines(file)) {
              bytes += line.length + 1;
              yield line;
            }
          };
          try {
            results.push({ file, summary: await ingestor.ingestLines(counted()) });
          } finally {
            bar?.stop();
          }
        }
        if (flags.json)
          console.log(JSON.stringify(results.length === 1 ? results[0]?.summary : results, null, 2));
        else for (const { file, summary } of results) console.log(formatSummary(file, summary));
      } finally {
        await handle.close();
      }
    });
}

function startBar(file: string, size: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    {
      format:
        size > 0
          ? `${file} [{bar}] {percentage}% | {lines} lines | {accepted} accepted | ETA {eta}s`
          : `${file} {lines} lines | {accepted} accepted`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size || 1, 0, { lines: 0, accepted: 0 });
  return bar;
}

/** The human summary: never any event content, only counts and line numbers. */
export function formatSummary(file: string, s: IngestSummary): string {
  const rejected = Object.entries(s.rejected).filter(([, n]) => n > 0);
  const lines = [
    `${file === '-' ? 'stdin' : file}: ${s.lines.toLocaleString('en-US')} lines in ${(s.durationMs / 1000).toFixed(2)} s (${s.messagesPerSecond.toLocaleString('en-US')} lines/s)`,
    `  accepted          ${s.accepted.toLocaleString('en-US')}`,
    `  duplicates        ${s.duplicates.toLocaleString('en-US')}`,
    `  rejected          ${rejected.length === 0 ? 'none' : rejected.map(([r, n]) => `${r} ${n}`).join(', ')}`,
    `  signals written   ${s.signalsWritten.toLocaleString('en-US')}`,
  ];
  for (const e of s.errors.slice(0, 10)) {
    lines.push(`  line ${e.line}: ${e.reason}${e.field ? ` (${e.field})` : ''}`);
  }
  if (s.errors.length > 10)
    lines.push(`  … and more bad lines (first ${s.errors.length} kept; --json lists them)`);
  return lines.join('\n');
}
