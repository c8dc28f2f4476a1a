import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { type Database, members, memberships, organizations, sessions } from '@parlance/db';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Context, Principal, Role } from '../../context.js';
import { ServerError } from '../../errors.js';
import { requireUuid } from '../shared/connection.type.js';
import { ROLE_PERMISSIONS } from './auth.checker.js';
import type { LoginInput } from './auth.inputs.js';
import { ActorKind, RoleEnum, type Viewer } from './auth.type.js';

export const SESSION_COOKIE = 'parlance_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  db: Database,
  memberId: string,
  organizationId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id: sha256(token), memberId, organizationId, expiresAt });
  return { token, expiresAt };
}

/** The principal behind a session cookie, or null when unknown, expired or no longer a member. */
export async function resolveSession(db: Database, token: string): Promise<Principal | null> {
  const id = sha256(token);
  const rows = await db
    .select({ memberId: sessions.memberId, organizationId: sessions.organizationId, role: memberships.role })
    .from(sessions)
    .innerJoin(
      memberships,
      and(
        eq(memberships.memberId, sessions.memberId),
        eq(memberships.organizationId, sessions.organizationId),
      ),
    )
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    kind: 'MEMBER',
    memberId: row.memberId,
    organizationId: row.organizationId,
    role: row.role,
    sessionId: id,
  };
}

export async function login(context: Context, input: LoginInput): Promise<Viewer> {
  const { db } = context.services;
  const email = input.email.trim().toLowerCase();
  const [member] = await db.select().from(members).where(sql`lower(${members.email}) = ${email}`).limit(1);
  const ok = await verifyPassword(member?.passwordHash, input.password);
  if (!member || !ok) throw new ServerError('INVALID_CREDENTIALS', 'Email or password is incorrect.');
  const orgs = await membershipsOf(db, member.id);
  const chosen = input.organizationSlug
    ? orgs.find((m) => m.organization.slug === input.organizationSlug)
    : orgs[0];
  if (!chosen) {
    throw new ServerError('FORBIDDEN', 'This member belongs to no such organisation.');
  }
  const { token, expiresAt } = await createSession(db, member.id, chosen.organization.id);
  context.cookies.setSession(token, expiresAt);
  context.principal = {
    kind: 'MEMBER',
    memberId: member.id,
    organizationId: chosen.organization.id,
    role: chosen.role,
    sessionId: sha256(token),
  };
  return viewer(context);
}

export async function logout(context: Context): Promise<boolean> {
  const principal = context.principal;
  context.cookies.clearSession();
  if (principal?.kind !== 'MEMBER') return principal === null;
  await context.services.db.delete(sessions).where(eq(sessions.id, principal.sessionId));
  context.principal = null;
  return true;
}

/** Moves the current session to another organisation the member belongs to. */
export async function switchOrganization(context: Context, organizationId: string): Promise<Viewer> {
  const principal = context.principal;
  if (principal?.kind !== 'MEMBER') throw new ServerError('FORBIDDEN', 'Only a signed-in member can switch.');
  const orgId = requireUuid(organizationId, 'Organisation');
  const { db } = context.services;
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.memberId, principal.memberId), eq(memberships.organizationId, orgId)))
    .limit(1);
  if (!membership) throw new ServerError('NOT_FOUND', 'Organisation not found.');
  await db.update(sessions).set({ organizationId: orgId }).where(eq(sessions.id, principal.sessionId));
  context.principal = { ...principal, organizationId: orgId, role: membership.role };
  return viewer(context);
}

async function membershipsOf(db: Database, memberId: string) {
  const rows = await db
    .select({ organization: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.memberId, memberId))
    .orderBy(asc(memberships.createdAt), asc(organizations.slug));
  return rows.map((r) => ({
    organization: { id: r.organization.id, name: r.organization.name, slug: r.organization.slug },
    role: r.role as Role,
  }));
}

export async function viewer(context: Context): Promise<Viewer> {
  const principal = context.principal;
  if (!principal) throw new ServerError('UNAUTHENTICATED', 'Sign in or send a valid API key.');
  const { db, engine, config } = context.services;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, principal.organizationId));
  if (!org) throw new ServerError('UNAUTHENTICATED', 'The organisation no longer exists.');
  const organization = { id: org.id, name: org.name, slug: org.slug };
  const budget = await engine.budgetRemaining(org.id);
  if (principal.kind === 'API_KEY') {
    return {
      kind: ActorKind.API_KEY,
      member: null,
      organization,
      role: null,
      permissions: [...principal.scopes],
      organizations: [],
      privacyBudgetRemaining: budget,
      privacyBudgetDaily: config.privacy.dailyBudget,
    };
  }
  const [member] = await db.select().from(members).where(eq(members.id, principal.memberId));
  if (!member) throw new ServerError('UNAUTHENTICATED', 'The member no longer exists.');
  const orgs = await membershipsOf(db, member.id);
  return {
    kind: ActorKind.MEMBER,
    member: { id: member.id, email: member.email, name: member.name },
    organization,
    role: principal.role as RoleEnum,
    permissions: [...ROLE_PERMISSIONS[principal.role]],
    organizations: orgs.map((m) => ({ organization: m.organization, role: m.role as RoleEnum })),
    privacyBudgetRemaining: budget,
    privacyBudgetDaily: config.privacy.dailyBudget,
  };
}
