import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Connection } from '../shared/connection.type.js';
import { listAudit } from './audit.service.js';
import { AuditEntry, AuditEntryConnection } from './audit.type.js';

@Resolver()
export class AuditResolver {
  @Authorized('audit:read')
  @Query(() => AuditEntryConnection, {
    description: "The organisation's audit log, newest first (admins only).",
  })
  auditLog(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<Connection<AuditEntry>> {
    return listAudit(context, { first, after });
  }
}
