import { auditLog } from '@parlance/db';
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

export async function recordAudit(
  context: Context,
  entry: { action: string; specHash: string | null; epsilonSpent: number; outcome: string },
): Promise<void> {
  const principal = context.principal;
  if (!principal) return;
  await context.services.db.insert(auditLog).values({
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
