import type { BudgetSpend, BudgetStore } from '@parlance/audience';
import { type DbHandle, privacyBudgetLedger } from '@parlance/db';
import { and, eq, sql } from 'drizzle-orm';

/** Float slack so that 250 × 0.1 fits in a budget of 25 (as the in-memory store does). */
const SLACK = 1e-9;

/**
 * The privacy-budget ledger in `privacy_budget_ledger`. One transaction per spend, serialised
 * per (organisation, window) by an advisory lock, so two concurrent answers cannot both slip
 * under the limit. A repeated answer key finds its row and is free.
 */
export class PgBudgetStore implements BudgetStore {
  constructor(private readonly handle: DbHandle) {}

  async spend(
    orgId: string,
    windowStart: Date,
    answerKey: string,
    epsilon: number,
    limit: number,
  ): Promise<BudgetSpend> {
    return this.handle.db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}|${windowStart.toISOString()}`}, 0))`,
      );
      const where = and(
        eq(privacyBudgetLedger.organizationId, orgId),
        eq(privacyBudgetLedger.windowStart, windowStart),
      );
      const [state] = await tx
        .select({
          spent: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8`,
          seen: sql<boolean>`coalesce(bool_or(${privacyBudgetLedger.answerKey} = ${answerKey}), false)`,
        })
        .from(privacyBudgetLedger)
        .where(where);
      const spent = Number(state?.spent ?? 0);
      const left = (total: number) => Math.max(0, limit - total);
      if (state?.seen) return { charged: false, remaining: left(spent), exhausted: false };
      if (spent + epsilon > limit + SLACK) return { charged: false, remaining: left(spent), exhausted: true };
      await tx
        .insert(privacyBudgetLedger)
        .values({ organizationId: orgId, windowStart, answerKey, epsilon })
        .onConflictDoNothing();
      return { charged: true, remaining: left(spent + epsilon), exhausted: false };
    });
  }

  async remaining(orgId: string, windowStart: Date, limit: number): Promise<number> {
    const [row] = await this.handle.db
      .select({ spent: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8` })
      .from(privacyBudgetLedger)
      .where(
        and(eq(privacyBudgetLedger.organizationId, orgId), eq(privacyBudgetLedger.windowStart, windowStart)),
      );
    return Math.max(0, limit - Number(row?.spent ?? 0));
  }
}
