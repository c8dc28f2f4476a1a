import type { DbHandle } from '@parlance/db';
import { sql } from 'drizzle-orm';
import { affectedOf, rowsOf, toSignalsError } from '../ingest/sql.js';
import { pseudonymize } from '../pseudonymize.js';

export interface EraseOptions {
  /** The platform's user id, as in the events; hashed here and never stored. */
  platformUserId: string;
  pseudonymKey: string;
}

export interface ErasureResult {
  profilesDeleted: number;
  signalsDeleted: number;
  ledgerRowsDeleted: number;
  /** True when the user had already been erased (the tombstone existed). */
  alreadyErased: boolean;
}

/**
 * Erases one user in one transaction: profile, signals and ledger rows go, and a tombstone in
 * `user_erasures` (pseudonymous id only) makes the audience engine drop the user at its next
 * snapshot and the ingestor refuse later events for them (`ERASED_USER`).
 */
export async function eraseUser(db: DbHandle, options: EraseOptions): Promise<ErasureResult> {
  const userId = pseudonymize(options.pseudonymKey, options.platformUserId);
  try {
    return await db.db.transaction(async (tx) => {
      const tombstone = rowsOf<{ user_id: string }>(
        await tx.execute(
          sql`insert into user_erasures (user_id) values (${userId}) on conflict (user_id) do nothing returning user_id`,
        ),
      );
      const profiles = await tx.execute(sql`delete from profiles where user_id = ${userId}`);
      const signals = await tx.execute(sql`delete from interest_signals where user_id = ${userId}`);
      const ledger = await tx.execute(sql`delete from ingestion_ledger where user_id = ${userId}`);
      return {
        profilesDeleted: affectedOf(profiles),
        signalsDeleted: affectedOf(signals),
        ledgerRowsDeleted: affectedOf(ledger),
        alreadyErased: tombstone.length === 0,
      };
    });
  } catch (error) {
    throw toSignalsError(error, 'erasing a user');
  }
}
