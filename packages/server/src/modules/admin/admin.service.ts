import { type Database, members, memberships, organizations } from '@parlance/db';
import { eq, sql } from 'drizzle-orm';
import { ROLES, type Role } from '../../context.js';
import { ServerError } from '../../errors.js';
import { insertApiKey } from '../api-keys/api-key.service.js';
import { hashPassword } from '../auth/auth.service.js';

/** Operator actions behind the CLI (`parlance org|member|apikey create`). */

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 10;

export async function createOrganization(db: Database, input: { name: string; slug: string }) {
  const name = input.name.trim();
  if (!name) throw new ServerError('BAD_USER_INPUT', 'The organisation needs a name.');
  if (!SLUG.test(input.slug)) {
    throw new ServerError(
      'BAD_USER_INPUT',
      'The slug must be lower-case letters, digits and dashes (e.g. acme-media).',
    );
  }
  const [row] = await db
    .insert(organizations)
    .values({ name, slug: input.slug })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ServerError('CONFLICT', `An organisation with slug "${input.slug}" already exists.`);
  return row;
}

export async function organizationBySlug(db: Database, slug: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  if (!org) throw new ServerError('NOT_FOUND', `No organisation with slug "${slug}".`);
  return org;
}

/** Creates the member if the email is new, and adds (or updates) their role in the organisation. */
export async function createMember(
  db: Database,
  input: { organizationSlug: string; email: string; name: string; password: string; role: string },
) {
  const org = await organizationBySlug(db, input.organizationSlug);
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new ServerError('BAD_USER_INPUT', 'The email address is not valid.');
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw new ServerError('BAD_USER_INPUT', `The role must be one of ${ROLES.join(', ')}.`);
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new ServerError('BAD_USER_INPUT', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  let [member] = await db.select().from(members).where(sql`lower(${members.email}) = ${email}`).limit(1);
  let created = false;
  if (!member) {
    [member] = await db
      .insert(members)
      .values({ email, name: input.name.trim() || email, passwordHash: await hashPassword(input.password) })
      .returning();
    created = true;
  }
  if (!member) throw new Error('insert returned no row');
  const role = input.role as Role;
  await db
    .insert(memberships)
    .values({ memberId: member.id, organizationId: org.id, role })
    .onConflictDoUpdate({ target: [memberships.memberId, memberships.organizationId], set: { role } });
  return { member, organization: org, role, created };
}

export async function createApiKeyForOrg(
  db: Database,
  input: { organizationSlug: string; name: string; scopes: readonly string[] },
) {
  const org = await organizationBySlug(db, input.organizationSlug);
  return insertApiKey(db, { organizationId: org.id, name: input.name, scopes: input.scopes });
}
