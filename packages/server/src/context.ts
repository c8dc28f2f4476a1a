import type { Database } from '@parlance/db';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { AudiencePort } from './engine/port.js';
import type { Metrics } from './http/metrics.js';
import type { AuditWriter } from './modules/audit/audit.service.js';

export const ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'audiences:read',
  'audiences:write',
  'campaigns:read',
  'campaigns:write',
  'insights:read',
  'keys:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling. Every service call takes its organisation from here, never from arguments. */
export type Principal =
  | { kind: 'MEMBER'; memberId: string; organizationId: string; role: Role; sessionId: string }
  | { kind: 'API_KEY'; keyId: string; organizationId: string; scopes: readonly Scope[] };

/** Lets resolvers set and clear the session cookie without knowing about Express. */
export interface CookieJar {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}

/** Long-lived collaborators, built once per server. */
export interface Services {
  config: Config;
  db: Database;
  engine: AudiencePort;
  logger: Logger;
  metrics: Metrics;
  /** Write-behind audit log (group commit). */
  audit: AuditWriter;
  noiseSecret: string;
  /** Resolves when the database answers; used to tell "the database went away" from a bug. */
  pingDatabase: () => Promise<void>;
}

/** Per-request context. */
export interface Context {
  requestId: string;
  principal: Principal | null;
  services: Services;
  logger: Logger;
  cookies: CookieJar;
}
