/**
 * Reading an installation's tables directly, to compare the outcome of an interrupted run with
 * an uninterrupted one. With embedded PGlite, call it only while no server or CLI holds the data
 * directory (PGlite is single-process).
 */
import { createHash } from 'node:crypto';
import { createDb } from '@parlance/db';
import type { TestEnvironment } from './server.js';

export interface TableDigest {
  signals: number;
  profiles: number;
  ledger: number;
  /** SHA-256 of every signal row (user, interest, day, count) in key order. */
  signalsHash: string;
  /** SHA-256 of every profile row (user, country, birth year, opted out). */
  profilesHash: string;
  /** Sum of all signal counts (a double count shows here first). */
  totalCount: number;
}

export async function digestTables(env: TestEnvironment): Promise<TableDigest> {
  const handle = await createDb({
    databaseUrl: env.env.DATABASE_URL,
    dataDir: `${env.dataDir}/pglite`,
    maxConnections: 1,
  });
  try {
    const signals = await handle.execute<{
      user_id: string;
      interest_id: string;
      day: string;
      count: number;
    }>(
      'select user_id, interest_id, day::text as day, count from interest_signals order by user_id, interest_id, day',
    );
    const profiles = await handle.execute<{
      user_id: string;
      country: string;
      birth_year: number;
      opted_out: boolean;
    }>('select user_id, country, birth_year, opted_out from profiles order by user_id');
    const ledger = await handle.execute<{ n: number | string }>('select count(*) as n from ingestion_ledger');
    const hash = (rows: object[]) => {
      const h = createHash('sha256');
      for (const row of rows) h.update(`${Object.values(row).join('\t')}\n`);
      return h.digest('hex');
    };
    return {
      signals: signals.length,
      profiles: profiles.length,
      ledger: Number(ledger[0]?.n ?? 0),
      signalsHash: hash(signals),
      profilesHash: hash(profiles),
      totalCount: signals.reduce((sum, r) => sum + Number(r.count), 0),
    };
  } finally {
    await handle.close();
  }
}

/** Resident set size of a process in MiB (Linux /proc), or null when it is gone. */
export async function rssMiB(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status?.match(/VmRSS:\s+(\d+) kB/)?.[1];
  return kb ? Number(kb) / 1024 : null;
}
