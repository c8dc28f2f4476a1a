import { loadConfig } from '@parlance/server';
import { createOrganization } from '@parlance/server';
import type { Command } from 'commander';
import { openDatabase, operatorError } from '../runtime.js';

export function registerOrg(program: Command): void {
  const org = program.command('org').description('advertiser organisations (the unit of tenancy)');
  org
    .command('create')
    .description('create an organisation')
    .requiredOption('--name <name>', 'display name, e.g. "Acme Media"')
    .requiredOption('--slug <slug>', 'lower-case id, e.g. acme-media')
    .action(async (flags: { name: string; slug: string }) => {
      const handle = await openDatabase(loadConfig());
      try {
        const row = await createOrganization(handle.db, flags).catch(operatorError);
        console.log(`Created organisation ${row.slug} (${row.id}).`);
      } finally {
        await handle.close();
      }
    });
}
