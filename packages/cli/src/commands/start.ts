import { DEMO_FIXTURES, seedPopulation } from '@parlance/demo';
import { ensureDemoAccounts, loadConfig } from '@parlance/server';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { openDatabase } from '../runtime.js';
import { closeOnSignals, startServing } from './serve.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('quick start: migrate, seed the demo population once, create demo accounts, serve')
    .action(async () => {
      const config = loadConfig();
      const handle = await openDatabase(config);
      if (config.demo.enabled) {
        const [row] = await handle.execute<{ n: number }>('select count(*)::int as n from profiles');
        if (Number(row?.n ?? 0) === 0) {
          const { resolveSecrets } = await import('../runtime.js');
          const bar = new SingleBar(
            {
              format: 'Seeding demo population {bar} {percentage}% | {value}/{total} users',
              stream: process.stderr,
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          bar.start(config.demo.users, 0);
          await seedPopulation({
            db: handle,
            pseudonymKey: resolveSecrets(config).pseudonymKey,
            users: config.demo.users,
            onProgress: (p) => bar.update(p.users),
          });
          bar.update(config.demo.users);
          bar.stop();
        } else {
          console.error('Reusing the existing demo data.');
        }
      }
      const { server, secrets, hint } = await startServing(config, handle);
      try {
        await server.ready;
      } catch (error) {
        await server.close();
        await handle.close();
        throw error;
      }
      const lines = [`Parlance is ready at ${server.url}  (GraphQL: ${server.url}/graphql)`];
      if (config.demo.enabled) {
        const demo = await ensureDemoAccounts(handle.db, DEMO_FIXTURES, {
          noiseSecret: secrets.noiseSecret,
          engine: server.engine,
        }).catch(async (error: unknown) => {
          await server.close();
          await handle.close();
          throw error;
        });
        lines.push(`  Demo login:    ${demo.login.email} / ${demo.login.password}`);
        for (const key of demo.apiKeys) lines.push(`  Demo API key (${key.organization}): ${key.secret}`);
        for (const skipped of demo.skipped) console.error(`warning: demo fixture skipped: ${skipped}`);
      }
      if (hint) lines.push(`  ${hint}`);
      const sinceCommand = config.startedAt ? (Date.now() - config.startedAt) / 1000 : undefined;
      lines.push(
        sinceCommand === undefined
          ? `  Started in ${process.uptime().toFixed(1)} s. Ctrl-C to stop.`
          : `  Ready ${sinceCommand.toFixed(1)} s after your command (server process ${process.uptime().toFixed(1)} s). Ctrl-C to stop.`,
      );
      console.log(lines.join('\n'));
      await closeOnSignals(server, handle);
    });
}
