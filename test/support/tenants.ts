/**
 * Advertisers for attack and fuzz tests: an organisation with an API key, created with the
 * `parlance` CLI exactly as an operator would (before the server starts: PGlite is single-process).
 */
import type { TestEnvironment } from './server.js';

export const ALL_SCOPES = [
  'audiences:read',
  'audiences:write',
  'campaigns:read',
  'campaigns:write',
  'insights:read',
  'keys:admin',
] as const;

export interface Tenant {
  slug: string;
  apiKey: string;
}

/**
 * The secret `apikey create` prints once. We take the longest token on stdout that looks like a
 * random secret (≥ 24 url-safe characters), since the CLI frames it with prose.
 */
export function extractSecret(stdout: string): string {
  const prefixed = stdout.match(/plk_[A-Za-z0-9_-]{16,}/);
  if (prefixed) return prefixed[0];
  const tokens = stdout.match(/[A-Za-z0-9_\-.~+/=]{24,}/g) ?? [];
  const candidates = tokens.filter((t) => !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(t));
  const secret = candidates.sort((a, b) => b.length - a.length)[0];
  if (!secret) throw new Error(`no API key secret in the output of apikey create:\n${stdout}`);
  return secret;
}

/** Creates an organisation and an API key with `scopes` (all by default). */
export function createTenant(
  env: TestEnvironment,
  slug: string,
  scopes: readonly string[] = ALL_SCOPES,
): Tenant {
  env.cli(['org', 'create', '--slug', slug, '--name', `Org ${slug}`]);
  const { stdout } = env.cli([
    'apikey',
    'create',
    '--org',
    slug,
    '--name',
    `${slug}-key`,
    '--scopes',
    scopes.join(','),
  ]);
  return { slug, apiKey: extractSecret(stdout) };
}

/** Creates a dashboard member of `slug` with a role (ADMIN reads the audit log). */
export function createMember(
  env: TestEnvironment,
  slug: string,
  member: { email: string; password: string; role: 'ADMIN' | 'MEMBER' | 'VIEWER'; name?: string },
): void {
  env.cli(
    [
      'member',
      'create',
      '--org',
      slug,
      '--email',
      member.email,
      '--name',
      member.name ?? member.email.split('@')[0]!,
      '--role',
      member.role,
      '--password-stdin',
    ],
    `${member.password}\n`,
  );
}
