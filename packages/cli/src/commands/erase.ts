import { loadConfig } from '@parlance/server';
import { eraseUser } from '@parlance/signals';
import type { Command } from 'commander';
import { openDatabase, resolveSecrets } from '../runtime.js';

export function registerErase(program: Command): void {
  program
    .command('erase')
    .description(
      'erase one user (platform user id): profile, signals and ledger rows; later events for them are refused',
    )
    .argument('<userId>', 'the platform user id, as in the events (hashed, never stored or printed)')
    .action(async (userId: string) => {
      const config = loadConfig();
      const { pseudonymKey } = resolveSecrets(config);
      const handle = await openDatabase(config);
      try {
        const result = await eraseUser(handle, { platformUserId: userId, pseudonymKey });
        console.log(
          `${result.alreadyErased ? 'User was already erased' : 'User erased'}: ${result.profilesDeleted} profile, ${result.signalsDeleted} signals, ${result.ledgerRowsDeleted} ledger rows deleted.`,
        );
      } finally {
        await handle.close();
      }
    });
}
