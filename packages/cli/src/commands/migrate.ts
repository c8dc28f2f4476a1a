import type { Command } from 'commander';
import { loadConfig } from '@parlance/server';
import { openDatabase } from '../runtime.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (PGlite by default, Postgres when DATABASE_URL is set)')
    .action(async () => {
      const config = loadConfig();
      const handle = await openDatabase(config);
      try {
        console.log(`Migrations applied to ${handle.location}.`);
      } finally {
        await handle.close();
      }
    });
}
