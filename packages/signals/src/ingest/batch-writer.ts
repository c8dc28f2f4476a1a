import type { DbHandle } from '@parlance/db';
import { sql } from 'drizzle-orm';
import { gateProfile, type ProfileState, type RegionPolicy } from './policy-gate.js';
import { pgArray, rowsOf } from './sql.js';

/** Outcome of one event, as counted in the summary and stored in the ledger. */
export type EventOutcome =
  | 'ACCEPTED'
  | 'ERASED_USER'
  | 'UNKNOWN_USER'
  | 'EXCLUDED_REGION'
  | 'UNDER_AGE'
  | 'OPTED_OUT'
  | 'SENSITIVE'
  | 'EXPIRED'
  | 'STALE_PROFILE';

/** An event after parsing, pseudonymisation and classification: no text, no platform id. */
export type PreparedEvent =
  | { kind: 'profile'; key: string; userId: string; at: Date; profile: ProfileState }
  | {
      kind: 'chat';
      key: string;
      userId: string;
      at: Date;
      day: string;
      /** Interest ids the message touched; `null` when it touched a sensitive category. */
      interests: readonly string[] | null;
    };

export interface BatchResult {
  accepted: number;
  duplicates: number;
  outcomes: Partial<Record<Exclude<EventOutcome, 'ACCEPTED'>, number>>;
  signalsWritten: number;
}

/** True when a write failed because another writer committed some of the batch's events first. */
export function isLedgerConflict(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const { code, constraint_name, constraint } = current as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
    };
    if (code === '23505' && (constraint_name ?? constraint) === 'ingestion_ledger_pkey') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface Options {
  isExcluded: RegionPolicy;
  /** Chats on days before this (YYYY-MM-DD) are outside the retention window. */
  oldestDay: string;
  processedAt: Date;
}

/**
 * Applies one batch in one transaction: learns which events are new (ledger), runs the policy
 * gate in input order against stored and in-batch profiles, then writes the ledger rows, the
 * profiles, the signal deletions and the aggregated signal upsert. The ledger commits with the
 * signals, so a batch is applied entirely or not at all.
 */
export async function applyBatch(
  handle: DbHandle,
  events: readonly PreparedEvent[],
  options: Options,
): Promise<BatchResult> {
  return handle.db.transaction(async (tx) => {
    const result: BatchResult = { accepted: 0, duplicates: 0, outcomes: {}, signalsWritten: 0 };
    if (events.length === 0) return result;
    const keys = new Set<string>();
    const users = new Set<string>();
    for (const event of events) {
      keys.add(event.key);
      users.add(event.userId);
    }
    const userArray = pgArray([...users]);
    // One round trip for everything the gate needs: which events were applied before, the
    // stored profiles of the batch's users, and which of them were erased.
    const known = rowsOf<{
      t: 'k' | 'p' | 'e';
      id: string;
      country: string | null;
      birth_year: number | null;
      opted_out: boolean | null;
      profile_at: Date | string | null;
    }>(
      await tx.execute(sql`
        select 'k' as t, event_key as id, null::text as country, null::int as birth_year, null::bool as opted_out, null::timestamptz as profile_at
          from ingestion_ledger where event_key = any(${pgArray([...keys])}::text[])
        union all
        select 'p', user_id, country, birth_year, opted_out, profile_at
          from profiles where user_id = any(${userArray}::text[])
        union all
        select 'e', user_id, null, null, null, null
          from user_erasures where user_id = any(${userArray}::text[])`),
    );
    const seen = new Set<string>();
    const erased = new Set<string>();
    const profiles = new Map<string, ProfileState>();
    for (const row of known) {
      if (row.t === 'k') seen.add(row.id);
      else if (row.t === 'e') erased.add(row.id);
      else {
        profiles.set(row.id, {
          country: row.country as string,
          birthYear: Number(row.birth_year),
          optedOut: row.opted_out === true,
          profileAt: new Date(row.profile_at as Date | string),
        });
      }
    }

    const ledgerKeys: string[] = [];
    const ledgerUsers: string[] = [];
    const ledgerOutcomes: string[] = [];
    const profileWrites = new Map<string, ProfileState>();
    const clearSignals = new Set<string>();
    // user → "interest\u0000day" → count
    const signals = new Map<string, Map<string, number>>();
    const reject = (reason: Exclude<EventOutcome, 'ACCEPTED'>) => {
      result.outcomes[reason] = (result.outcomes[reason] ?? 0) + 1;
      return reason;
    };

    for (const event of events) {
      if (seen.has(event.key)) {
        result.duplicates++;
        continue;
      }
      seen.add(event.key);
      let outcome: EventOutcome;
      const current = profiles.get(event.userId);
      if (erased.has(event.userId)) {
        outcome = reject('ERASED_USER');
      } else if (event.kind === 'profile') {
        if (current && current.profileAt.getTime() >= event.profile.profileAt.getTime()) {
          outcome = reject('STALE_PROFILE');
        } else {
          profiles.set(event.userId, event.profile);
          profileWrites.set(event.userId, event.profile);
          // A profile that makes the user ineligible (opt-out, excluded region, minor) removes
          // every signal they have: they vanish from the next snapshot.
          if (gateProfile(event.profile, event.at, options.isExcluded) !== undefined) {
            clearSignals.add(event.userId);
            signals.delete(event.userId);
          }
          outcome = 'ACCEPTED';
        }
      } else if (!current) {
        outcome = reject('UNKNOWN_USER');
      } else {
        const gate = gateProfile(current, event.at, options.isExcluded);
        if (gate !== undefined) outcome = reject(gate);
        else if (event.day < options.oldestDay) outcome = reject('EXPIRED');
        else if (event.interests === null) outcome = reject('SENSITIVE');
        else {
          outcome = 'ACCEPTED';
          if (event.interests.length > 0) {
            let perUser = signals.get(event.userId);
            if (!perUser) {
              perUser = new Map();
              signals.set(event.userId, perUser);
            }
            for (const interest of event.interests) {
              const cell = `${interest}\u0000${event.day}`;
              perUser.set(cell, (perUser.get(cell) ?? 0) + 1);
            }
          }
        }
      }
      if (outcome === 'ACCEPTED') result.accepted++;
      ledgerKeys.push(event.key);
      ledgerUsers.push(event.userId);
      ledgerOutcomes.push(outcome);
    }

    if (ledgerKeys.length > 0) {
      // A plain insert: the keys were checked above in this transaction. If another writer
      // commits one of them meanwhile, the primary key refuses it (a unique violation) and the
      // caller redoes the batch against the state that writer left. Cheaper than a speculative
      // `on conflict do nothing` insert on every row.
      await tx.execute(sql`
        insert into ingestion_ledger (event_key, user_id, outcome, processed_at)
        select k, u, o, ${options.processedAt.toISOString()}::timestamptz
        from unnest(${pgArray(ledgerKeys)}::text[], ${pgArray(ledgerUsers)}::text[], ${pgArray(ledgerOutcomes)}::text[]) as t(k, u, o)`);
    }

    if (profileWrites.size > 0) {
      const ids: string[] = [];
      const countries: string[] = [];
      const years: number[] = [];
      const optedOut: boolean[] = [];
      const at: string[] = [];
      for (const [id, p] of profileWrites) {
        ids.push(id);
        countries.push(p.country);
        years.push(p.birthYear);
        optedOut.push(p.optedOut);
        at.push(p.profileAt.toISOString());
      }
      await tx.execute(sql`
        insert into profiles (user_id, country, birth_year, opted_out, profile_at, updated_at)
        select u, c, y, o, a, now()
        from unnest(${pgArray(ids)}::text[], ${pgArray(countries)}::text[], ${pgArray(years)}::int2[],
                    ${pgArray(optedOut)}::bool[], ${pgArray(at)}::timestamptz[]) as t(u, c, y, o, a)
        on conflict (user_id) do update set
          country = excluded.country, birth_year = excluded.birth_year, opted_out = excluded.opted_out,
          profile_at = excluded.profile_at, updated_at = now()
        where profiles.profile_at < excluded.profile_at`);
    }

    if (clearSignals.size > 0) {
      await tx.execute(
        sql`delete from interest_signals where user_id = any(${pgArray([...clearSignals])}::text[])`,
      );
    }

    if (signals.size > 0) {
      const u: string[] = [];
      const interests: string[] = [];
      const days: string[] = [];
      const counts: number[] = [];
      for (const [user, cells] of signals) {
        for (const [cell, count] of cells) {
          const sep = cell.indexOf('\u0000');
          u.push(user);
          interests.push(cell.slice(0, sep));
          days.push(cell.slice(sep + 1));
          counts.push(count);
        }
      }
      await tx.execute(sql`
        insert into interest_signals (user_id, interest_id, day, count, updated_at)
        select u, i, d, c, now()
        from unnest(${pgArray(u)}::text[], ${pgArray(interests)}::text[], ${pgArray(days)}::date[], ${pgArray(counts)}::int4[]) as t(u, i, d, c)
        on conflict (user_id, interest_id, day) do update set
          count = interest_signals.count + excluded.count, updated_at = now()`);
      result.signalsWritten = u.length;
    }
    return result;
  });
}
