import 'reflect-metadata';
import { DbError } from '@parlance/db';
import { ConfigError } from '@parlance/server';
import { SignalsError } from '@parlance/signals';
import { Command, CommanderError } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerClassify } from './commands/classify.js';
import { registerErase } from './commands/erase.js';
import { registerIngest } from './commands/ingest.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPurge } from './commands/purge.js';
import { registerApiKey } from './commands/apikey.js';
import { registerMember } from './commands/member.js';
import { registerOrg } from './commands/org.js';
import { registerServe } from './commands/serve.js';
import { registerStart } from './commands/start.js';

/** A failure the CLI explains in one paragraph, without a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export function buildProgram(): Command {
  const program = new Command('parlance')
    .description('Parlance: privacy-safe interest audiences from AI-chat signals')
    .showHelpAfterError()
    .exitOverride();
  registerMigrate(program);
  registerIngest(program);
  registerClassify(program);
  registerErase(program);
  registerPurge(program);
  registerDemo(program);
  registerOrg(program);
  registerMember(program);
  registerApiKey(program);
  registerServe(program);
  registerStart(program);
  return program;
}

/** Runs the CLI and returns the exit code. Known failures print a plain message. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (
      error instanceof ConfigError ||
      error instanceof DbError ||
      error instanceof CliError ||
      error instanceof SignalsError
    ) {
      console.error(`parlance: ${error.message}`);
      return 2;
    }
    console.error(`parlance: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
