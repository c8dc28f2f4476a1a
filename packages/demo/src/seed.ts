import type { DbHandle } from '@parlance/db';
import { createIngestor, type IngestSummary } from '@parlance/signals';
import { DEFAULT_SEED, DEFAULT_USERS, type GenerateOptions, generateUsers } from './generate.js';

export interface SeedProgress {
  /** Users generated so far (at most one ingest batch ahead of what is committed). */
  users: number;
  totalUsers: number;
  /** Lines committed so far, and what became of them. */
  lines: number;
  accepted: number;
  rejected: number;
  signalsWritten: number;
}

export interface SeedOptions extends Omit<GenerateOptions, 'now'> {
  db: DbHandle;
  /** The pseudonymisation key the server runs with (so demo users map to the same pseudonyms). */
  pseudonymKey: string;
  /** End of the simulated window and the ingestion clock. Default: the current time. */
  now?: Date;
  /** Lines per ingest transaction (default: the ingestor's). */
  batchSize?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary extends IngestSummary {
  users: number;
  seed: string;
}

/**
 * Generates a population and feeds it, as NDJSON lines, through the real ingestion pipeline
 * of `@parlance/signals` (policy gate, classifier, batched writes). Signals are never written
 * directly: what lands in the database is exactly what ingestion of these events produces.
 */
export async function seedPopulation(options: SeedOptions): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_SEED;
  const totalUsers = options.users ?? DEFAULT_USERS;
  let users = 0;
  const ingestor = createIngestor({
    db: options.db,
    pseudonymKey: options.pseudonymKey,
    now,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    onProgress: (p) =>
      options.onProgress?.({
        users,
        totalUsers,
        lines: p.lines,
        accepted: p.accepted,
        rejected: p.rejected,
        signalsWritten: p.signalsWritten,
      }),
  });
  function* lines(): Generator<string> {
    for (const user of generateUsers({ ...options, seed, users: totalUsers, now })) {
      users++;
      for (const event of user.events) yield JSON.stringify(event);
    }
  }
  const summary = await ingestor.ingestLines(lines());
  return { ...summary, users, seed };
}
