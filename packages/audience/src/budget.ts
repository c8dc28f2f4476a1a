/** Outcome of one {@link BudgetStore.spend}. */
export interface BudgetSpend {
  /** True when ε was newly recorded for this answer. */
  charged: boolean;
  /** ε left in the window after this call. */
  remaining: number;
  /** True when the answer is new and ε would exceed the limit: nothing recorded, answer refused. */
  exhausted: boolean;
}

/**
 * Per-organisation privacy budget ledger (the server persists it in `privacy_budget_ledger`).
 * `spend` is atomic: a repeated `answerKey` in the same window is free (`charged: false`,
 * `exhausted: false`); a new one is recorded only if the total stays ≤ `limit`.
 */
export interface BudgetStore {
  spend(
    orgId: string,
    windowStart: Date,
    answerKey: string,
    epsilon: number,
    limit: number,
  ): Promise<BudgetSpend>;
  remaining(orgId: string, windowStart: Date, limit: number): Promise<number>;
}

/** Float slack so that 250 × 0.1 fits in a budget of 25. */
const SLACK = 1e-9;

/** A process-local {@link BudgetStore} for tests, demos and single-process deployments. */
export class InMemoryBudgetStore implements BudgetStore {
  private readonly windows = new Map<string, { spent: number; answers: Set<string> }>();

  private window(orgId: string, windowStart: Date): { spent: number; answers: Set<string> } {
    const key = `${orgId}\n${windowStart.toISOString()}`;
    let w = this.windows.get(key);
    if (w === undefined) {
      w = { spent: 0, answers: new Set() };
      this.windows.set(key, w);
    }
    return w;
  }

  async spend(
    orgId: string,
    windowStart: Date,
    answerKey: string,
    epsilon: number,
    limit: number,
  ): Promise<BudgetSpend> {
    const w = this.window(orgId, windowStart);
    const left = (): number => Math.max(0, limit - w.spent);
    if (w.answers.has(answerKey)) return { charged: false, remaining: left(), exhausted: false };
    if (w.spent + epsilon > limit + SLACK) return { charged: false, remaining: left(), exhausted: true };
    w.answers.add(answerKey);
    w.spent += epsilon;
    return { charged: true, remaining: left(), exhausted: false };
  }

  async remaining(orgId: string, windowStart: Date, limit: number): Promise<number> {
    return Math.max(0, limit - this.window(orgId, windowStart).spent);
  }
}
