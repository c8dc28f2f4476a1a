import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const file = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(file('../../../docker/compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

/**
 * The variables the server's config knows, read from the zod schema's source (the demo package
 * does not depend on the server; the schema's keys are the two-space-indented `NAME:` lines).
 */
const knownVariables = (() => {
  const source = readFileSync(file('../../server/src/config.ts'), 'utf8');
  const body = source.slice(source.indexOf('const envSchema = z.object({'), source.indexOf('\n});'));
  return new Set([...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] as string));
})();

describe('docker/compose.yaml', () => {
  const { postgres, parlance } = compose.services;

  it('reads the config variable names (sanity check of the parser)', () => {
    for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'PARLANCE_ENV', 'PARLANCE_SECRET']) {
      expect(knownVariables.has(name), name).toBe(true);
    }
  });

  it('sets only variables the Parlance config knows', () => {
    const set = Object.keys(parlance?.environment ?? {});
    expect(set.length).toBeGreaterThan(5);
    for (const name of set) expect(knownVariables.has(name), `${name} is not in config.ts`).toBe(true);
  });

  it('runs production on Postgres 16 with required secrets, health checks and a named volume', () => {
    const env = parlance?.environment ?? {};
    expect(env.PARLANCE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.DATABASE_URL).toMatch(
      /^postgres:\/\/parlance:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/parlance$/,
    );
    for (const name of ['PARLANCE_SECRET', 'PARLANCE_PSEUDONYM_KEY', 'PARLANCE_INGEST_TOKEN']) {
      expect(env[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    expect(postgres?.image).toMatch(/^postgres:16(\b|-)/);
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(parlance?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(parlance?.build?.dockerfile).toBe('docker/Dockerfile');
    const volume = postgres?.volumes?.[0]?.split(':')[0] ?? '';
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('builds a non-root image with a health check on /healthz', () => {
    const dockerfile = readFileSync(file('../../../docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim|ARG NODE_IMAGE=node:20-bookworm-slim/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(dockerfile).toContain('pnpm install --frozen-lockfile');
    expect(dockerfile).toMatch(/deploy --legacy/);
  });
});
