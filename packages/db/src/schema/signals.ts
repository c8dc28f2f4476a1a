import {
  boolean,
  char,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * What the policy gate knows of a pseudonymous user. `userId` is the keyed HMAC of the
 * platform id; the platform id is never stored. `profileAt` is the event time of the profile
 * event applied last, so out-of-order events cannot roll a profile back.
 */
export const profiles = pgTable(
  'profiles',
  {
    userId: text().primaryKey(),
    country: char({ length: 2 }).notNull(),
    birthYear: smallint().notNull(),
    optedOut: boolean().notNull().default(false),
    profileAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('profiles_updated_idx').on(t.updatedAt)],
);

/**
 * One row per (user, interest, day): how many messages that day touched the interest.
 * `updatedAt` lets the audience engine pick up new rows incrementally.
 */
export const interestSignals = pgTable(
  'interest_signals',
  {
    userId: text().notNull(),
    interestId: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    count: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.interestId, t.day] }),
    index('interest_signals_day_idx').on(t.day),
    index('interest_signals_updated_idx').on(t.updatedAt),
    index('interest_signals_interest_day_user_idx').on(t.interestId, t.day, t.userId),
  ],
);

/**
 * Idempotency ledger: an event id is applied at most once. `eventKey` is a hash of the
 * producer's event id; `userId` (pseudonymous) lets erasure remove the user's rows.
 */
export const ingestionLedger = pgTable(
  'ingestion_ledger',
  {
    eventKey: text().primaryKey(),
    userId: text().notNull(),
    outcome: text().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ingestion_ledger_user_idx').on(t.userId),
    index('ingestion_ledger_processed_idx').on(t.processedAt),
  ],
);

/**
 * Tombstones of erased users (pseudonymous id only), so an incrementally refreshed index
 * drops them at the next snapshot and late events for them are refused.
 */
export const userErasures = pgTable(
  'user_erasures',
  {
    userId: text().primaryKey(),
    erasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_erasures_erased_idx').on(t.erasedAt)],
);
