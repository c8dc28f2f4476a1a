import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, testDbKind } from '@parlance/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

// One database for the file: a fresh Postgres database when DATABASE_URL is set (never the
// shared admin database), else PGlite in a temporary data directory.
let dir: string;
let closeDb: (() => Promise<void>) | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parlance-cli-signals-'));
  vi.stubEnv('PARLANCE_DATA_DIR', dir);
  if (process.env.DATABASE_URL) {
    const db = await createTestDb();
    closeDb = () => db.close();
    vi.stubEnv('DATABASE_URL', db.url);
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDb?.();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...m: unknown[]) => void out.push(m.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...m: unknown[]) => void err.push(m.join(' ')));
  try {
    const code = await main(['node', 'parlance', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const CANARY = 'quokka-canary-5d1e';
const PLATFORM_ID = 'platform-id-canary-77aa';
const day = new Date(Date.now() - 2 * 86_400_000).toISOString();

describe(`signals verbs (${testDbKind()})`, () => {
  it('ingest: reports accepted, rejected by reason and signals; replay counts duplicates; no text in output', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(
      file,
      `${[
        JSON.stringify({
          type: 'profile',
          eventId: 'p1',
          userId: PLATFORM_ID,
          occurredAt: '2024-01-01T00:00:00Z',
          country: 'US',
          birthYear: 1985,
          optedOut: false,
        }),
        JSON.stringify({
          type: 'chat',
          eventId: 'c1',
          userId: PLATFORM_ID,
          occurredAt: day,
          text: `${CANARY} which golf clubs should I buy as a beginner golfer?`,
          surface: 'app',
        }),
        `{"type":"chat","text":"${CANARY}`,
        JSON.stringify({
          type: 'chat',
          eventId: 'c2',
          userId: 'nobody',
          occurredAt: day,
          text: CANARY,
          surface: 'app',
        }),
      ].join('\n')}\n`,
    );
    const first = await run('ingest', file);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/accepted\s+2/);
    expect(first.out).toContain('INVALID_JSON 1');
    expect(first.out).toContain('UNKNOWN_USER 1');
    expect(first.out).toContain('line 3: INVALID_JSON');
    expect(first.out).toMatch(/signals written\s+[1-9]/);

    const replay = await run('ingest', '--json', file);
    expect(replay.code).toBe(0);
    const summary = JSON.parse(replay.out) as {
      accepted: number;
      duplicates: number;
      signalsWritten: number;
    };
    expect(summary).toMatchObject({ accepted: 0, duplicates: 3, signalsWritten: 0 });
    for (const output of [first, replay]) {
      expect(output.out + output.err).not.toContain(CANARY);
      expect(output.out + output.err).not.toContain(PLATFORM_ID);
    }
  });

  it('ingest: a missing file is a one-line error', async () => {
    const result = await run('ingest', join(dir, 'nope.ndjson'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('Cannot read');
  });

  it('classify: prints the classification as JSON', async () => {
    const golf = await run('classify', 'which golf clubs should I buy as a beginner golfer?');
    expect(golf.code).toBe(0);
    const parsed = JSON.parse(golf.out) as { sensitive: boolean; interests: { id: string; name: string }[] };
    expect(parsed.sensitive).toBe(false);
    expect(parsed.interests.length).toBeGreaterThan(0);
    const sensitive = JSON.parse(
      (await run('classify', 'my doctor changed my insulin dose for diabetes')).out,
    );
    expect(sensitive.sensitive).toBe(true);
  });

  it('purge: deletes signals older than --days', async () => {
    const result = await run('purge', '--days', '1');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Purged [1-9]\d* signals/);
    expect((await run('purge', '--days', '0')).code).toBe(2);
  });

  it('erase: removes the user and never prints the platform id', async () => {
    const result = await run('erase', PLATFORM_ID);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/User erased: 1 profile, \d+ signals, 2 ledger rows deleted/);
    expect(result.out).not.toContain(PLATFORM_ID);
    expect((await run('erase', PLATFORM_ID)).out).toContain('already erased');
  });
});
