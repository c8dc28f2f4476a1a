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
  /**
   * Answer keys known to be recorded (a recorded key never disappears within its window), so a
   * repeated answer needs no database round trip. Bounded: cleared when it grows too large.
   */
  private readonly recorded = new Set<string>();
  /** Spent ε per (org, window), as last read or written by this process, for `remaining`. */
  private readonly spent = new Map<string, { value: number; at: number }>();

  constructor(
    private readonly handle: DbHandle,
    private readonly options: { remainingCacheMs?: number } = {},
  ) {}

  async spend(
    orgId: string,
    windowStart: Date,
    answerKey: string,
    epsilon: number,
    limit: number,
  ): Promise<BudgetSpend> {
    const windowKey = `${orgId}|${windowStart.toISOString()}`;
    if (this.recorded.has(`${windowKey}|${answerKey}`)) {
      return { charged: false, remaining: await this.remaining(orgId, windowStart, limit), exhausted: false };
    }
    const result = await this.spendInDb(orgId, windowStart, answerKey, epsilon, limit);
    if (!result.exhausted) {
      if (this.recorded.size > 100_000) this.recorded.clear();
      this.recorded.add(`${windowKey}|${answerKey}`);
      this.spent.set(windowKey, { value: Math.max(0, limit - result.remaining), at: Date.now() });
    }
    return result;
  }

  private spendInDb(
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

  /** ε left; may be up to `remainingCacheMs` (default 1 s) stale for what other processes spent. */
  async remaining(orgId: string, windowStart: Date, limit: number): Promise<number> {
    const windowKey = `${orgId}|${windowStart.toISOString()}`;
    const cached = this.spent.get(windowKey);
    if (cached && Date.now() - cached.at < (this.options.remainingCacheMs ?? 1_000)) {
      return Math.max(0, limit - cached.value);
    }
    const [row] = await this.handle.db
      .select({ spent: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8` })
      .from(privacyBudgetLedger)
      .where(
        and(eq(privacyBudgetLedger.organizationId, orgId), eq(privacyBudgetLedger.windowStart, windowStart)),
      );
    const value = Number(row?.spent ?? 0);
    if (this.spent.size > 10_000) this.spent.clear();
    this.spent.set(windowKey, { value, at: Date.now() });
    return Math.max(0, limit - value);
  }
}
