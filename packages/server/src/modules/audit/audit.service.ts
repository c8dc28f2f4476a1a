import { auditLog, type Database } from '@parlance/db';
import { and, desc, eq, lt } from 'drizzle-orm';
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

type AuditRow = typeof auditLog.$inferInsert;

/**
 * Group commit for audit entries: entries arriving while a write is in flight are written
 * together in the next multi-row insert. Each caller still waits until its own entry is
 * committed, so an answer is never returned without its audit entry in the database.
 */
class AuditWriter {
  private pending: { row: AuditRow; done: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly db: Database) {}

  write(row: AuditRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 1000);
      try {
        await this.db.insert(auditLog).values(batch.map((b) => b.row));
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error);
      }
    }
    this.writing = false;
  }
}

const writers = new WeakMap<Database, AuditWriter>();

export async function recordAudit(
  context: Context,
  entry: { action: string; specHash: string | null; epsilonSpent: number; outcome: string },
): Promise<void> {
  const principal = context.principal;
  if (!principal) return;
  const { db } = context.services;
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditWriter(db);
    writers.set(db, writer);
  }
  await writer.write({
    organizationId: principal.organizationId,
    actorType: principal.kind,
    actorId: principal.kind === 'MEMBER' ? principal.memberId : principal.keyId,
    action: entry.action,
    specHash: entry.specHash,
    epsilonSpent: entry.epsilonSpent,
    outcome: entry.outcome,
    requestId: context.requestId,
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
