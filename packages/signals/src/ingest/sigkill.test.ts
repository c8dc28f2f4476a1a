import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from '@parlance/db';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { chatLine, profileLine } from '../testing/events.js';
import { fakeClassifier } from '../testing/fake-classifier.js';
import { createIngestor } from './ingestor.js';
import { readLines } from './read-lines.js';

const KEY = 'sigkill-test-key-0123456789abcdef';
const NOW = new Date('2025-06-15T12:00:00Z');
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'signals-sigkill-'));
const handles: DbHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function dump(db: DbHandle): Promise<unknown> {
  return {
    signals: await db.execute(
      'select user_id, interest_id, day::text as day, count from interest_signals order by 1, 2, 3',
    ),
    profiles: await db.execute('select user_id, country, birth_year, opted_out from profiles order by 1'),
    ledger: await db.execute('select event_key, user_id, outcome from ingestion_ledger order by 1'),
  };
}

// A separate process can only share the database on a real server: PGlite is in-process.
describe.runIf(testDbKind() === 'postgres')('crash safety under SIGKILL (postgres only)', () => {
  it('a run killed mid-file and rerun gives the same state as one clean run', async () => {
    const file = join(dir, 'events.ndjson');
    const lines: string[] = [];
    for (let u = 0; u < 200; u++) lines.push(profileLine(`p${u}`, `user${u}`, '2025-01-01T00:00:00Z'));
    const words = ['golf', 'sushi', 'hiking camera', 'golf golf', 'nothing'];
    for (let i = 0; i < 12_000; i++) {
      lines.push(
        chatLine(
          `c${i}`,
          `user${(i * 7) % 200}`,
          `2025-06-${String(1 + (i % 9)).padStart(2, '0')}T08:00:00Z`,
          words[i % 5] as string,
        ),
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);

    const clean = await createTestDb();
    const crashed = await createTestDb();
    handles.push(clean, crashed);
    const ingest = (db: DbHandle) =>
      createIngestor({
        db,
        pseudonymKey: KEY,
        now: NOW,
        batchSize: 200,
        classifier: fakeClassifier,
      }).ingestLines(readLines(file));
    await ingest(clean);

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=development', 'src/testing/ingest-child.ts', crashed.url ?? '', file],
      {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let committed = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      committed += chunk
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('committed')).length;
      if (committed >= 5) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    const partial = await crashed.execute<{ n: number }>('select count(*)::int as n from ingestion_ledger');
    expect(partial[0]?.n).toBeGreaterThan(0);
    expect(partial[0]?.n).toBeLessThan(lines.length);

    const rerun = await ingest(crashed);
    expect(rerun.duplicates).toBeGreaterThan(0);
    expect(await dump(crashed)).toEqual(await dump(clean));
  });
});
