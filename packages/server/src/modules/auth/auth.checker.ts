import type { AuthChecker } from 'type-graphql';
import type { Context, Role, Scope } from '../../context.js';
import { ServerError } from '../../errors.js';

/** A permission a field can require: an API-key scope, or a role-only capability. */
export type Permission = Scope | 'audit:read' | 'members:read';

/** What each role may do in its organisation. API keys get exactly their scopes. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: [
    'audiences:read',
    'audiences:write',
    'campaigns:read',
    'campaigns:write',
    'insights:read',
    'keys:admin',
    'audit:read',
    'members:read',
  ],
  MEMBER: [
    'audiences:read',
    'audiences:write',
    'campaigns:read',
    'campaigns:write',
    'insights:read',
    'members:read',
  ],
  VIEWER: ['audiences:read', 'campaigns:read', 'insights:read', 'members:read'],
};

export function hasPermission(context: Pick<Context, 'principal'>, permission: Permission): boolean {
  const principal = context.principal;
  if (!principal) return false;
  if (principal.kind === 'API_KEY') return (principal.scopes as readonly string[]).includes(permission);
  return ROLE_PERMISSIONS[principal.role].includes(permission);
}

/**
 * The one auth checker: `@Authorized()` needs any caller, `@Authorized('x', 'y')` needs every
 * listed permission. Throws typed errors so the client sees UNAUTHENTICATED vs FORBIDDEN.
 */
export const authChecker: AuthChecker<Context> = ({ context }, permissions) => {
  if (!context.principal) throw new ServerError('UNAUTHENTICATED', 'Sign in or send a valid API key.');
  const missing = permissions.filter((p) => !hasPermission(context, p as Permission));
  if (missing.length > 0) {
    throw new ServerError('FORBIDDEN', `Missing permission: ${missing.join(', ')}.`, { required: missing });
  }
  return true;
};

/** For services: the caller's organisation, or UNAUTHENTICATED. */
export function requireOrg(context: Pick<Context, 'principal'>): string {
  if (!context.principal) throw new ServerError('UNAUTHENTICATED', 'Sign in or send a valid API key.');
  return context.principal.organizationId;
}
