import { createApiKeyForOrg, loadConfig } from '@parlance/server';
import type { Command } from 'commander';
import { openDatabase, operatorError } from '../runtime.js';

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('API keys for agency tools');
  apikey
    .command('create')
    .description('create an API key; the secret is printed once and never stored')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--name <name>', 'what the key is for')
    .option(
      '--scopes <list>',
      'comma-separated: audiences:read,audiences:write,campaigns:read,campaigns:write,insights:read,keys:admin',
      'audiences:read',
    )
    .action(async (flags: { org: string; name: string; scopes: string }) => {
      const handle = await openDatabase(loadConfig());
      try {
        const scopes = flags.scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const { apiKey, secret } = await createApiKeyForOrg(handle.db, {
          organizationSlug: flags.org,
          name: flags.name,
          scopes,
        }).catch(operatorError);
        console.error(
          `Created key "${apiKey.name}" (${apiKey.prefix}…) with scopes ${apiKey.scopes.join(', ')}.`,
        );
        console.error('The secret below is shown once; store it now:');
        console.log(secret);
      } finally {
        await handle.close();
      }
    });
}
