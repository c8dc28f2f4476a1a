import {
  bigserial,
  char,
  doublePrecision,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  date,
  numeric,
} from 'drizzle-orm/pg-core';
import { members, organizations } from './tenancy.js';

/** A stored audience spec, as the advertiser gave it; `specHash` is of its canonical form. */
export interface StoredSpec {
  include: string[][];
  exclude?: string[];
  countries?: string[];
  ageMin?: number | null;
  ageMax?: number | null;
  recencyDays?: number;
}

/** The sizing an advertiser saw when saving (never a raw count). */
export interface StoredSizing {
  belowThreshold: boolean;
  lowerBound: number | null;
  upperBound: number | null;
  snapshotId: string;
  takenAt: string;
}

export const savedAudiences = pgTable(
  'saved_audiences',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    spec: jsonb().$type<StoredSpec>().notNull(),
    specHash: text().notNull(),
    sizing: jsonb().$type<StoredSizing>(),
    createdBy: uuid().references(() => members.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_audiences_org_idx').on(t.organizationId, t.createdAt)],
);

export const campaignObjective = pgEnum('campaign_objective', ['AWARENESS', 'TRAFFIC', 'CONVERSIONS']);
export const campaignStatus = pgEnum('campaign_status', ['DRAFT', 'ACTIVE', 'PAUSED', 'ENDED']);
export const budgetType = pgEnum('budget_type', ['DAILY', 'LIFETIME']);

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    objective: campaignObjective().notNull(),
    status: campaignStatus().notNull().default('DRAFT'),
    budgetType: budgetType().notNull(),
    budgetAmount: numeric({ precision: 14, scale: 2, mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    cpmBid: numeric({ precision: 10, scale: 2, mode: 'number' }).notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }),
    savedAudienceId: uuid().references(() => savedAudiences.id, { onDelete: 'restrict' }),
    inlineSpec: jsonb().$type<StoredSpec>(),
    sizing: jsonb().$type<StoredSizing>(),
    createdBy: uuid().references(() => members.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaigns_org_idx').on(t.organizationId, t.createdAt),
    index('campaigns_org_status_idx').on(t.organizationId, t.status),
  ],
);

/**
 * Privacy-budget ledger: one row per distinct answer per organisation per window.
 * A repeated question finds its row and spends nothing.
 */
export const privacyBudgetLedger = pgTable(
  'privacy_budget_ledger',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    answerKey: text().notNull(),
    epsilon: doublePrecision().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'privacy_budget_ledger_pk', columns: [t.organizationId, t.windowStart, t.answerKey] }),
  ],
);

export const actorType = pgEnum('actor_type', ['MEMBER', 'API_KEY', 'SYSTEM']);

/** Who asked what: every estimate, forecast and insight request, readable by the org's admins. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorType: actorType().notNull(),
    actorId: text(),
    action: text().notNull(),
    specHash: text(),
    epsilonSpent: doublePrecision().notNull().default(0),
    outcome: text().notNull(),
    requestId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_created_idx').on(t.organizationId, t.createdAt)],
);
