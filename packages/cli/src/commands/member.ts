import { createMember, loadConfig } from '@parlance/server';
import type { Command } from 'commander';
import { CliError } from '../main.js';
import { openDatabase, operatorError, readStdin } from '../runtime.js';

interface MemberFlags {
  org: string;
  email: string;
  name: string;
  password?: string;
  passwordStdin?: boolean;
  role: string;
}

export function registerMember(program: Command): void {
  const member = program.command('member').description('people who sign in to the dashboard');
  member
    .command('create')
    .description('create a member (or add an existing one to another organisation)')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'password (prefer --password-stdin: arguments show up in `ps`)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--role <role>', 'ADMIN, MEMBER or VIEWER', 'MEMBER')
    .action(async (flags: MemberFlags) => {
      const password = flags.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : flags.password;
      if (!password) throw new CliError('Give --password-stdin (recommended) or --password.');
      const handle = await openDatabase(loadConfig());
      try {
        const r = await createMember(handle.db, {
          organizationSlug: flags.org,
          email: flags.email,
          name: flags.name,
          password,
          role: flags.role.toUpperCase(),
        }).catch(operatorError);
        console.log(
          `${r.created ? 'Created' : 'Updated'} member ${r.member.email} as ${r.role} of ${r.organization.slug}.`,
        );
      } finally {
        await handle.close();
      }
    });
}
