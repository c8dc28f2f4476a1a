import { resolve } from 'node:path';
import { DEFAULT_MESSAGES_PER_USER, DEFAULT_SEED, seedPopulation, writeNdjson } from '@parlance/demo';
import { loadConfig } from '@parlance/server';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { CliError } from '../main.js';
import { openDatabase, resolveSecrets } from '../runtime.js';

function wholeNumber(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new CliError(
        `${name} must be a whole number between ${min} and ${max.toLocaleString('en')}, got "${value}".`,
      );
    }
    return n;
  };
}

function instant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new CliError(`--now must be an ISO 8601 date-time, got "${value}".`);
  return at;
}

function progressBar(unit: string): SingleBar {
  return new SingleBar(
    {
      format: `{bar} {percentage}% | {value}/{total} users | {events} ${unit} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface GenerateFlags {
  users: number;
  out: string;
  seed: string;
  days: number;
  messages: number;
  now?: Date;
}

interface SeedFlags {
  users?: number;
  seed: string;
  messages: number;
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description(
      'synthetic demo population: deterministic users and chats that go through the real pipeline',
    );

  demo
    .command('generate')
    .description('write a synthetic population as NDJSON profile and chat events')
    .requiredOption('--out <file>', 'NDJSON file to write')
    .option('--users <n>', 'number of users', wholeNumber('--users', 1, 100_000_000), 50_000)
    .option('--seed <seed>', 'any string; the same seed gives byte-identical output', DEFAULT_SEED)
    .option('--days <n>', 'length of the simulated window in days', wholeNumber('--days', 1, 3650), 120)
    .option(
      '--messages <n>',
      'mean chat messages per user',
      wholeNumber('--messages', 1, 80),
      DEFAULT_MESSAGES_PER_USER,
    )
    .option(
      '--now <iso>',
      'end of the simulated window (default: now); fix it for reproducible files',
      instant,
    )
    .action(async (flags: GenerateFlags) => {
      const file = resolve(flags.out);
      const bar = progressBar('events');
      const started = performance.now();
      bar.start(flags.users, 0, { events: 0 });
      try {
        const summary = await writeNdjson(file, {
          users: flags.users,
          seed: flags.seed,
          days: flags.days,
          messagesPerUser: flags.messages,
          now: flags.now ?? new Date(),
          onProgress: (p) => bar.update(p.users, { events: p.events.toLocaleString('en') }),
        });
        bar.stop();
        console.log(
          `Wrote ${summary.users.toLocaleString('en')} users, ${summary.events.toLocaleString('en')} events ` +
            `(${(summary.bytes / 1_048_576).toFixed(1)} MiB) to ${file} in ${seconds(performance.now() - started)}.`,
        );
      } finally {
        bar.stop();
      }
    });

  demo
    .command('seed')
    .description('generate a population and ingest it into the configured database through the real pipeline')
    .option(
      '--users <n>',
      'number of users (default: PARLANCE_DEMO_USERS, 50,000)',
      wholeNumber('--users', 1, 100_000_000),
    )
    .option('--seed <seed>', 'any string; the same seed gives the same population', DEFAULT_SEED)
    .option(
      '--messages <n>',
      'mean chat messages per user',
      wholeNumber('--messages', 1, 80),
      DEFAULT_MESSAGES_PER_USER,
    )
    .action(async (flags: SeedFlags) => {
      const config = loadConfig();
      const secrets = resolveSecrets(config);
      const users = flags.users ?? config.demo.users;
      const handle = await openDatabase(config);
      const bar = progressBar('lines ingested');
      try {
        bar.start(users, 0, { events: 0 });
        const summary = await seedPopulation({
          db: handle,
          pseudonymKey: secrets.pseudonymKey,
          users,
          seed: flags.seed,
          messagesPerUser: flags.messages,
          onProgress: (p) => bar.update(p.users, { events: p.lines.toLocaleString('en') }),
        });
        bar.update(users);
        bar.stop();
        const rejected = Object.entries(summary.rejected)
          .filter(([, n]) => n > 0)
          .map(([reason, n]) => `${reason} ${n.toLocaleString('en')}`)
          .join(', ');
        console.log(
          [
            `Seeded ${summary.users.toLocaleString('en')} users into ${handle.location} in ${seconds(summary.durationMs)} ` +
              `(${summary.messagesPerSecond.toLocaleString('en')} lines/s).`,
            `  lines ${summary.lines.toLocaleString('en')}, accepted ${summary.accepted.toLocaleString('en')}, ` +
              `duplicates ${summary.duplicates.toLocaleString('en')}, signals written ${summary.signalsWritten.toLocaleString('en')}`,
            `  rejected: ${rejected || 'none'}`,
          ].join('\n'),
        );
      } finally {
        bar.stop();
        await handle.close();
      }
    });
}
