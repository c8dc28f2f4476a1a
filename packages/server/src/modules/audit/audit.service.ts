import { auditLog, type Database } from '@parlance/db';
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { requireOrg } from '../auth/auth.checker.js';
import {
  type Connection,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../shared/connection.type.js';
import type { AuditEntry } from './audit.type.js';

export type AuditRow = typeof auditLog.$inferInsert;

export interface AuditWriterOptions {
  /** Entries are written at most this long after they were recorded (default 50 ms). */
  flushIntervalMs?: number | undefined;
  /** Past this backlog a request waits for the write (back-pressure, default 10,000). */
  maxPending?: number | undefined;
  /** Called with every failed background write (the writer also reports `failing`). */
  onError?: ((error: unknown) => void) | undefined;
}

/** Rows per multi-row insert. */
const BATCH = 1_000;

/**
 * Write-behind for audit entries: `record` queues the entry and returns; a timer writes every
 * queued entry in one multi-row insert (group commit) within `flushIntervalMs`. A failed write
 * keeps its rows (retried), is logged through `onError` and marks the writer `failing` (the
 * server is then not ready); past `maxPending` rows, `record` waits for the write, so a dead
 * database fails requests instead of growing memory. Readers flush first (`listAudit`), and
 * shutdown flushes: a crash can lose at most the last flush interval of entries.
 */
export class AuditWriter {
  private pending: AuditRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastError: unknown;
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly db: Database,
    private readonly options: AuditWriterOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 50;
    this.maxPending = options.maxPending ?? 10_000;
  }

  /** True while background writes fail; cleared by the next good write. */
  get failing(): boolean {
    return this.lastError !== undefined;
  }

  get pendingRows(): number {
    return this.pending.length;
  }

  async record(row: AuditRow): Promise<void> {
    this.pending.push(row);
    if (this.closed || this.pending.length > this.maxPending) {
      await this.flush();
      return;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch((error: unknown) => {
          this.lastError = error;
          this.options.onError?.(error);
        });
      }, this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes every queued entry now. */
  flush(): Promise<void> {
    const run = async () => {
      await this.flushing?.catch(() => undefined); // its caller handles its failure
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH);
        try {
          await this.db.execute(insertAuditRows(batch));
        } catch (error) {
          this.pending.unshift(...batch);
          this.retryLater();
          throw error;
        }
      }
      this.lastError = undefined;
    };
    const next = run().finally(() => {
      if (this.flushing === next) this.flushing = undefined;
    });
    this.flushing = next;
    return next;
  }

  /** Writes everything still queued; later entries are written synchronously. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private retryLater(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.flush().catch((error: unknown) => {
          this.lastError = error;
          this.options.onError?.(error);
        });
      },
      Math.max(1_000, this.flushIntervalMs),
    );
    this.timer.unref();
  }
}

/**
 * One multi-row insert with the rows as a single JSON parameter: far cheaper than a parameter per
 * value (query building in drizzle, parsing in Postgres), identical on PGlite and Postgres.
 */
function insertAuditRows(rows: readonly AuditRow[]): SQL {
  const json = JSON.stringify(
    rows.map((r) => ({
      organization_id: r.organizationId,
      actor_type: r.actorType,
      actor_id: r.actorId ?? null,
      action: r.action,
      spec_hash: r.specHash ?? null,
      epsilon_spent: r.epsilonSpent ?? 0,
      outcome: r.outcome,
      request_id: r.requestId ?? null,
      created_at: (r.createdAt ?? new Date()).toISOString(),
    })),
  );
  return sql`
    insert into audit_log
      (organization_id, actor_type, actor_id, action, spec_hash, epsilon_spent, outcome, request_id, created_at)
    select * from json_to_recordset(${json}::json) as x(
      organization_id uuid, actor_type actor_type, actor_id text, action text, spec_hash text,
      epsilon_spent float8, outcome text, request_id text, created_at timestamptz)`;
}

export async function recordAudit(
  context: Context,
  entry: { action: string; specHash: string | null; epsilonSpent: number; outcome: string },
): Promise<void> {
  const principal = context.principal;
  if (!principal) return;
  await context.services.audit.record({
    organizationId: principal.organizationId,
    actorType: principal.kind,
    actorId: principal.kind === 'MEMBER' ? principal.memberId : principal.keyId,
    action: entry.action,
    specHash: entry.specHash,
    epsilonSpent: entry.epsilonSpent,
    outcome: entry.outcome,
    requestId: context.requestId,
    createdAt: new Date(),
  });
}

const isIdCursor = (v: unknown): v is { id: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { id: unknown }).id);

export async function listAudit(
  context: Context,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<AuditEntry>> {
  const organizationId = requireOrg(context);
  const size = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after, isIdCursor) : null;
  await context.services.audit.flush(); // read your own writes
  const rows = await context.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), cursor ? lt(auditLog.id, cursor.id) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(size + 1);
  return toConnection(
    rows,
    size,
    (r) => encodeCursor({ id: r.id }),
    (r) => ({
      id: String(r.id),
      actorType: r.actorType,
      actorId: r.actorId,
      action: r.action,
      specHash: r.specHash,
      epsilonSpent: r.epsilonSpent,
      outcome: r.outcome,
      requestId: r.requestId,
      createdAt: r.createdAt,
    }),
    cursor !== null,
  );
}
