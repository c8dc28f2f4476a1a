#!/usr/bin/env node
// Fails when src/graphql/graphql-env.d.ts is not what gql.tada generates from ../server/schema.graphql
// today, i.e. when the server's schema changed and `pnpm --filter @parlance/dashboard generate` was
// not run. Part of `typecheck`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'src/graphql/graphql-env.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'gql-tada-'));
const fresh = join(dir, 'graphql-env.d.ts');
try {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/gql.tada/bin/cli.js'), 'generate', 'output', '--output', fresh],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(
      'src/graphql/graphql-env.d.ts is stale: packages/server/schema.graphql changed.\n' +
        'Run `pnpm --filter @parlance/dashboard generate` and commit the result.',
    );
    process.exitCode = 1;
  } else {
    console.log('graphql-env.d.ts matches packages/server/schema.graphql');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
