import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type DbHandle, migrate } from '@parlance/db';
import type { Config } from '@parlance/server';
import { CliError } from './main.js';

/** Secrets the process runs with, after filling the ones the environment left unset. */
export interface Secrets {
  noiseSecret: string;
  pseudonymKey: string;
  ingestToken: string;
}

/**
 * Secrets come from the environment in production. On embedded defaults, missing ones are
 * generated once and kept (mode 0600) in the data directory, so noise stays deterministic and
 * pseudonyms stable across restarts, while no secret is a constant anyone could read in code.
 */
export function resolveSecrets(config: Config): Secrets {
  const { noiseSecret, pseudonymKey, ingestToken } = config.secrets;
  if (noiseSecret && pseudonymKey && ingestToken) return { noiseSecret, pseudonymKey, ingestToken };
  const file = join(config.dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  const generated: Secrets = {
    noiseSecret: stored.noiseSecret ?? randomBytes(32).toString('hex'),
    pseudonymKey: stored.pseudonymKey ?? randomBytes(32).toString('hex'),
    ingestToken: stored.ingestToken ?? randomBytes(32).toString('hex'),
  };
  if (!stored.noiseSecret || !stored.pseudonymKey || !stored.ingestToken) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    noiseSecret: noiseSecret ?? generated.noiseSecret,
    pseudonymKey: pseudonymKey ?? generated.pseudonymKey,
    ingestToken: ingestToken ?? generated.ingestToken,
  };
}

/** Opens the configured database and applies pending migrations. */
export async function openDatabase(config: Config, options: { migrate?: boolean } = {}): Promise<DbHandle> {
  const handle = await createDb({
    databaseUrl: config.database.databaseUrl,
    dataDir: config.database.dataDir,
  });
  if (options.migrate ?? true) await migrate(handle);
  return handle;
}

/** Turns the server's typed operator errors (bad slug, unknown org, weak password) into CLI errors. */
export function operatorError(error: unknown): never {
  if (error instanceof Error && error.name === 'ServerError') {
    throw new CliError(error.message);
  }
  throw error;
}

/** All of standard input as text (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
