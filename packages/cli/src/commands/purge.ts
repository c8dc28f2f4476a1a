import { loadConfig } from '@parlance/server';
import { purgeExpired } from '@parlance/signals';
import type { Command } from 'commander';
import { openDatabase } from '../runtime.js';

export function registerPurge(program: Command): void {
  program
    .command('purge')
    .description('delete signals older than the retention window (default PARLANCE_RETENTION_DAYS, 90)')
    .option('--days <n>', 'retention window in days')
    .action(async (flags: { days?: string }) => {
      const config = loadConfig();
      const days = flags.days === undefined ? config.retentionDays : Number(flags.days);
      const handle = await openDatabase(config);
      try {
        const result = await purgeExpired(handle, { retentionDays: days });
        console.log(
          `Purged ${result.signalsDeleted} signals before ${result.oldestDayKept} and ${result.ledgerRowsDeleted} ledger rows (retention ${days} days).`,
        );
      } finally {
        await handle.close();
      }
    });
}
