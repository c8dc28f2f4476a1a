import type { DbHandle } from '@parlance/db';
import { sql } from 'drizzle-orm';
import { SignalsError } from '../errors.js';
import { affectedOf, toSignalsError } from '../ingest/sql.js';
import { DEFAULT_RETENTION_DAYS, oldestRetainedDay } from './retention-window.js';

export interface PurgeOptions {
  /** Days of signals to keep, counting back from the UTC day of `now` (default 90). */
  retentionDays?: number;
  now?: Date;
}

export interface PurgeResult {
  signalsDeleted: number;
  ledgerRowsDeleted: number;
  /** Signals on days before this (YYYY-MM-DD) were deleted. */
  oldestDayKept: string;
}

/** Ledger rows are kept this many days beyond the window, for producer clock skew. */
const LEDGER_MARGIN_DAYS = 2;

/**
 * Deletes signals older than the retention window, and ledger rows processed before the window
 * (plus a two-day margin). Dropping those ledger rows cannot double-count on a replay: the
 * ingestor refuses chats older than the same window (`EXPIRED`), and an event is processed no
 * earlier than it occurred (a day of clock skew allowed), so a forgotten event id can only
 * belong to an event that would be refused anyway.
 */
export async function purgeExpired(db: DbHandle, options: PurgeOptions = {}): Promise<PurgeResult> {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new SignalsError('INVALID_OPTIONS', 'retentionDays must be a whole number of days, at least 1.');
  }
  const now = options.now ?? new Date();
  const oldestDayKept = oldestRetainedDay(now, retentionDays);
  const ledgerCutoff = new Date(now.getTime() - (retentionDays + LEDGER_MARGIN_DAYS) * 86_400_000);
  try {
    return await db.db.transaction(async (tx) => {
      const signals = await tx.execute(sql`delete from interest_signals where day < ${oldestDayKept}::date`);
      const ledger = await tx.execute(
        sql`delete from ingestion_ledger where processed_at < ${ledgerCutoff.toISOString()}::timestamptz`,
      );
      return { signalsDeleted: affectedOf(signals), ledgerRowsDeleted: affectedOf(ledger), oldestDayKept };
    });
  } catch (error) {
    throw toSignalsError(error, 'purging expired signals');
  }
}
