import { randomUUID } from 'node:crypto';
import type { BudgetSpend, BudgetStore } from '@parlance/audience';
import { type DbHandle, privacyBudgetLedger } from '@parlance/db';
import { and, eq, notLike, sql } from 'drizzle-orm';

/** Float slack so that 250 × 0.1 fits in a budget of 25 (as the in-memory store does). */
const SLACK = 1e-9;
/** Ledger rows with this answer-key prefix are reservations, not answers. */
export const RESERVATION_PREFIX = 'reservation:';
/** Rows per multi-row insert (5 parameters a row, well under Postgres's 65,535). */
const MAX_ROWS_PER_FLUSH = 5_000;
/** How long a read of the ledger's room may answer "exhausted" without asking again. */
const ROOM_FRESH_MS = 1_000;

export interface LedgerBudgetStoreOptions {
  /** A reservation holds at least this much ε (default 1: ten answers at the default ε of 0.1). */
  reserveEpsilon?: number | undefined;
  /** … and at least this fraction of the room left in the window (default 0.05). */
  reserveFraction?: number | undefined;
  /** Answer rows are written at most this long after their answer was charged (default 100 ms). */
  flushIntervalMs?: number | undefined;
  /** Idle windows are settled, their reservation released and dropped after this (default 10 min). */
  idleWindowMs?: number | undefined;
  /** Called with every failed background write (the store also reports `failing`). */
  onError?: ((error: unknown) => void) | undefined;
}

interface PendingAnswer {
  answerKey: string;
  epsilon: number;
}

interface WindowState {
  readonly id: string;
  readonly orgId: string;
  readonly windowStart: Date;
  /** Answers charged in this window (loaded from the ledger, then kept here): repeats are free. */
  readonly answers: Set<string>;
  /** Our reservation row in the ledger, once one was granted. */
  reservationKey: string | undefined;
  /** ε of our reservation not yet given to an answer. */
  available: number;
  /** ε left in the ledger beyond everything recorded or reserved, as of the last read. */
  room: number;
  roomReadAt: number;
  /** Charged answers whose rows are not written yet (their ε is inside the reservation row). */
  pending: PendingAnswer[];
  reserving: Promise<void> | undefined;
  usedAt: number;
}

/**
 * The privacy-budget ledger (`privacy_budget_ledger`) behind an in-process authoritative cache.
 *
 * Hot path: a repeated answer is found in memory (free, no I/O); a new answer is charged in
 * memory from a *reservation*, a ledger row `reservation:<uuid>` holding a block of ε that was
 * committed before any of it is used. Only when the reservation runs out does a request wait for
 * the database (one transaction, serialised per organisation and window by an advisory lock, that
 * checks the limit and grows the reservation). Answer rows are written behind in batches (group
 * commit): one transaction inserts them and takes their ε out of the reservation row.
 *
 * Invariant: at every commit, the ledger's sum for a window ≥ the ε of every answer released.
 * So a crash never lets an organisation exceed its budget: it over-charges by the unused part of
 * the open reservation (≤ max(1 ε, 5% of the room left, the answer that asked for it)), and answers charged in the last
 * flush interval (≤ 100 ms) will be charged again when repeated. A clean `close()` writes every
 * answer row and releases the unused ε: the ledger is then exact. Several processes may share the
 * ledger: each only spends what it reserved under the lock (never over the limit), and at worst
 * charges again an answer another process recorded after this one loaded the window.
 */
export class LedgerBudgetStore implements BudgetStore {
  private readonly windows = new Map<string, WindowState>();
  private readonly loading = new Map<string, Promise<WindowState>>();
  private readonly reserveEpsilon: number;
  private readonly reserveFraction: number;
  private readonly flushIntervalMs: number;
  private readonly idleWindowMs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly sweeper: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private lastError: unknown;

  constructor(
    private readonly handle: DbHandle,
    private readonly options: LedgerBudgetStoreOptions = {},
  ) {
    this.reserveEpsilon = options.reserveEpsilon ?? 1;
    this.reserveFraction = options.reserveFraction ?? 0.05;
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.idleWindowMs = options.idleWindowMs ?? 600_000;
    this.sweeper = setInterval(() => this.schedule(0), Math.max(1_000, this.idleWindowMs / 2));
    this.sweeper.unref();
  }

  /** True while background writes fail (readiness reports it); cleared by the next good flush. */
  get failing(): boolean {
    return this.lastError !== undefined;
  }

  /** Answer rows charged but not yet written. */
  get pendingRows(): number {
    let n = 0;
    for (const w of this.windows.values()) n += w.pending.length;
    return n;
  }

  async spend(
    orgId: string,
    windowStart: Date,
    answerKey: string,
    epsilon: number,
    limit: number,
  ): Promise<BudgetSpend> {
    for (let attempt = 0; ; attempt++) {
      const w = await this.window(orgId, windowStart, limit);
      // Released while we waited (idle sweep): charge the fresh state instead.
      if (this.windows.get(w.id) !== w) continue;
      w.usedAt = Date.now();
      if (w.answers.has(answerKey)) return { charged: false, remaining: remainingOf(w), exhausted: false };
      if (epsilon <= w.available + SLACK) {
        // After close() nothing more is written: a late request (its client gone, its handler
        // still running) must fail rather than be answered with a charge that is never recorded.
        if (this.closed) throw new Error('the budget store is closed');
        w.available = Math.max(0, w.available - epsilon);
        w.answers.add(answerKey);
        w.pending.push({ answerKey, epsilon });
        this.schedule(this.flushIntervalMs);
        return { charged: true, remaining: remainingOf(w), exhausted: false };
      }
      if (w.reserving) {
        await w.reserving;
        continue;
      }
      // Not enough even in the ledger as last read (after our own attempt, or less than a second
      // ago: others only ever take room): exhausted, without a database round trip.
      const fresh = attempt > 0 || Date.now() - w.roomReadAt < ROOM_FRESH_MS;
      if (fresh && w.room + w.available + SLACK < epsilon) {
        return { charged: false, remaining: remainingOf(w), exhausted: true };
      }
      if (this.closed) throw new Error('the budget store is closed');
      w.reserving = this.reserve(w, epsilon, limit).finally(() => {
        w.reserving = undefined;
      });
      await w.reserving;
    }
  }

  /** ε left in the window: exact for this process; other processes' spend is seen at each reservation. */
  async remaining(orgId: string, windowStart: Date, limit: number): Promise<number> {
    return remainingOf(await this.window(orgId, windowStart, limit));
  }

  /** Writes every pending answer row now (and releases idle windows' reservations). */
  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const run = async () => {
      await this.flushing?.catch(() => undefined); // its caller handles its failure
      do await this.writeOnce();
      while (this.pendingRows > 0);
    };
    const next = run().finally(() => {
      if (this.flushing === next) this.flushing = undefined;
    });
    this.flushing = next;
    return next;
  }

  /** Stops background work, writes every answer row and releases every reservation's unused ε. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const w of this.windows.values()) await w.reserving?.catch(() => undefined);
    for (const p of this.loading.values()) await p.catch(() => undefined);
    await this.flush();
    const held = [...this.windows.values()].filter((w) => w.reservationKey !== undefined);
    await this.release(held);
    this.windows.clear();
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => {
        this.lastError = error;
        this.options.onError?.(error);
        this.schedule(Math.max(1_000, this.flushIntervalMs)); // retry; rows stay pending
      });
    }, delayMs);
    this.timer.unref();
  }

  private async window(orgId: string, windowStart: Date, limit: number): Promise<WindowState> {
    const id = `${orgId}|${windowStart.toISOString()}`;
    const known = this.windows.get(id);
    if (known) return known;
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id, orgId, windowStart, limit).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  private async load(id: string, orgId: string, windowStart: Date, limit: number): Promise<WindowState> {
    const where = and(
      eq(privacyBudgetLedger.organizationId, orgId),
      eq(privacyBudgetLedger.windowStart, windowStart),
    );
    const [total] = await this.handle.db
      .select({ spent: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8` })
      .from(privacyBudgetLedger)
      .where(where);
    const rows = await this.handle.db
      .select({ answerKey: privacyBudgetLedger.answerKey })
      .from(privacyBudgetLedger)
      .where(and(where, notLike(privacyBudgetLedger.answerKey, `${RESERVATION_PREFIX}%`)));
    const state: WindowState = {
      id,
      orgId,
      windowStart,
      answers: new Set(rows.map((r) => r.answerKey)),
      reservationKey: undefined,
      available: 0,
      room: Math.max(0, limit - Number(total?.spent ?? 0)),
      roomReadAt: Date.now(),
      pending: [],
      reserving: undefined,
      usedAt: Date.now(),
    };
    this.windows.set(id, state);
    return state;
  }

  /**
   * Grows our reservation under the window's advisory lock: at least `needed`, else nothing.
   * Committed before any of it is spent, so the ledger always covers what was answered.
   */
  private async reserve(w: WindowState, needed: number, limit: number): Promise<void> {
    const key = w.reservationKey ?? `${RESERVATION_PREFIX}${randomUUID()}`;
    // Hand the unused remainder back in the same transaction; until it commits nothing may be
    // spent from it (and if the outcome is unknown it stays lost: over-charged, never under).
    const handBack = w.available;
    w.available = 0;
    const outcome = await this.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${w.id}, 0))`);
      const where = and(
        eq(privacyBudgetLedger.organizationId, w.orgId),
        eq(privacyBudgetLedger.windowStart, w.windowStart),
      );
      if (handBack > 0 && w.reservationKey) {
        await tx
          .update(privacyBudgetLedger)
          .set({ epsilon: sql`${privacyBudgetLedger.epsilon} - ${handBack}` })
          .where(and(where, eq(privacyBudgetLedger.answerKey, w.reservationKey)));
      }
      const [total] = await tx
        .select({ spent: sql<number>`coalesce(sum(${privacyBudgetLedger.epsilon}), 0)::float8` })
        .from(privacyBudgetLedger)
        .where(where);
      const room = Math.max(0, limit - Number(total?.spent ?? 0));
      if (room + SLACK < needed) return { granted: 0, room };
      const granted = Math.min(room, Math.max(needed, this.reserveEpsilon, room * this.reserveFraction));
      if (w.reservationKey) {
        await tx
          .update(privacyBudgetLedger)
          .set({ epsilon: sql`${privacyBudgetLedger.epsilon} + ${granted}` })
          .where(and(where, eq(privacyBudgetLedger.answerKey, w.reservationKey)));
      } else {
        await tx
          .insert(privacyBudgetLedger)
          .values({ organizationId: w.orgId, windowStart: w.windowStart, answerKey: key, epsilon: granted });
      }
      return { granted, room: room - granted };
    });
    // Committed: the handed-back remainder is gone, the grant is ours.
    if (outcome.granted > 0) {
      w.reservationKey = key;
      w.available = outcome.granted;
    }
    w.room = outcome.room;
    w.roomReadAt = Date.now();
  }

  /** One group commit: every pending answer row, and the release of idle windows. */
  private async writeOnce(): Promise<void> {
    const batch: { w: WindowState; answer: PendingAnswer }[] = [];
    for (const w of this.windows.values()) {
      for (const answer of w.pending) {
        if (batch.length >= MAX_ROWS_PER_FLUSH) break;
        batch.push({ w, answer });
      }
    }
    if (batch.length > 0) {
      const taken = new Map<WindowState, number>();
      for (const b of batch) taken.set(b.w, (taken.get(b.w) ?? 0) + 1);
      for (const [w, n] of taken) w.pending.splice(0, n);
      try {
        await this.settle(batch);
      } catch (error) {
        // Nothing was committed (or, if the outcome is unknown, a retry inserts nothing and
        // leaves the ε in the reservation: over-charged, never under-charged). Retry later.
        for (const w of taken.keys())
          w.pending.unshift(...batch.filter((b) => b.w === w).map((b) => b.answer));
        throw error;
      }
    }
    const now = Date.now();
    const idle = [...this.windows.values()].filter(
      (w) => now - w.usedAt >= this.idleWindowMs && w.pending.length === 0 && w.reserving === undefined,
    );
    if (idle.length > 0) await this.release(idle);
    this.lastError = undefined;
  }

  /**
   * One statement, so atomic without a transaction: inserts the answer rows (a row another
   * process had already written is skipped, and its ε stays inside our reservation until it is
   * released: never under-charged) and moves exactly the inserted rows' ε out of each reservation.
   * JSON in, one parameter: cheaper than a parameter per value on both drivers.
   */
  private async settle(batch: readonly { w: WindowState; answer: PendingAnswer }[]): Promise<void> {
    const rows = batch.map(({ w, answer }) => ({
      o: w.orgId,
      w: w.windowStart.toISOString(),
      k: answer.answerKey,
      e: answer.epsilon,
      r: w.reservationKey,
    }));
    await this.handle.execute(sql`
      with input as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json)
          as x(o uuid, w timestamptz, k text, e float8, r text)
      ), inserted as (
        insert into privacy_budget_ledger (organization_id, window_start, answer_key, epsilon)
        select o, w, k, e from input
        on conflict do nothing
        returning organization_id, window_start, answer_key, epsilon
      ), moved as (
        select input.o, input.w, input.r, sum(inserted.epsilon) as d
        from inserted
        join input on input.o = inserted.organization_id and input.w = inserted.window_start
          and input.k = inserted.answer_key
        group by input.o, input.w, input.r
      )
      update privacy_budget_ledger as l set epsilon = l.epsilon - moved.d
      from moved
      where l.organization_id = moved.o and l.window_start = moved.w and l.answer_key = moved.r`);
  }

  /** Deletes the reservation rows of settled windows (their unused ε returns to the budget). */
  private async release(windows: readonly WindowState[]): Promise<void> {
    for (const w of windows) this.windows.delete(w.id);
    const held = windows.filter((w) => w.reservationKey !== undefined && w.pending.length === 0);
    if (held.length === 0) return;
    const values = sql.join(
      held.map(
        (w) =>
          sql`(${w.orgId}::uuid, ${w.windowStart.toISOString()}::timestamptz, ${w.reservationKey}::text)`,
      ),
      sql`, `,
    );
    await this.handle.db.execute(sql`
      delete from privacy_budget_ledger as l using (values ${values}) as v(o, w, k)
      where l.organization_id = v.o and l.window_start = v.w and l.answer_key = v.k`);
  }
}

function remainingOf(w: WindowState): number {
  return Math.max(0, w.room + w.available);
}
