import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Config, createServer, loadConfig, type ParlanceServer } from '@parlance/server';
import type { DbHandle } from '@parlance/db';
import type { Command } from 'commander';
import { openDatabase, resolveSecrets } from '../runtime.js';

/** The built dashboard (`packages/dashboard/dist`), or undefined with a hint when it is not built. */
export function dashboardDir(): { dir: string | undefined; hint: string | undefined } {
  const require = createRequire(import.meta.url);
  try {
    // `@parlance/dashboard` exports "./dist" → dist/index.html, which exists once it is built.
    const index = require.resolve('@parlance/dashboard/dist');
    if (existsSync(index)) return { dir: dirname(index), hint: undefined };
  } catch {
    // not built (or not installed): serve the API only
  }
  return {
    dir: undefined,
    hint: 'The dashboard is not built: run `pnpm --filter @parlance/dashboard build`, then start again to serve it.',
  };
}

/** Closes the server (finishing in-flight requests) and the database on SIGTERM/SIGINT. */
export function closeOnSignals(server: ParlanceServer, handle: DbHandle): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      console.error(`\n${signal}: finishing in-flight requests…`);
      server
        .close()
        .then(() => handle.close())
        .then(resolve, (error: unknown) => {
          console.error(
            `parlance: error while stopping: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exitCode = 1;
          resolve();
        });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export async function startServing(config: Config, handle: DbHandle) {
  const secrets = resolveSecrets(config);
  // PARLANCE_DASHBOARD_DIR overrides the installed build (the server applies it).
  const { dir, hint } = config.dashboardDir ? { dir: config.dashboardDir, hint: undefined } : dashboardDir();
  const server = await createServer({ config, db: handle, secrets, dashboardDir: dir });
  return { server, secrets, hint, dashboard: dir !== undefined };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the API (and the built dashboard) on the configured port, after migrating')
    .action(async () => {
      const config = loadConfig();
      const handle = await openDatabase(config);
      const { server, hint } = await startServing(config, handle);
      console.log(`Parlance is listening on ${server.url} (GraphQL at ${server.url}/graphql).`);
      if (hint) console.error(hint);
      await closeOnSignals(server, handle);
    });
}
