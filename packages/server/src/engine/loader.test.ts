import type { AudienceChunk } from '@parlance/audience';
import type { DbHandle } from '@parlance/db';
import { createTestDb } from '@parlance/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAudienceLoader } from './loader.js';

let handle: DbHandle;

/** Days ago → 'YYYY-MM-DD' as the database's current_date sees it. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** 12 users × 3 interests, each pair seen on up to 4 days (some outside the 90-day window). */
const USERS = Array.from({ length: 12 }, (_, u) => `user-${String(u).padStart(2, '0')}`);
const INTERESTS = ['100', '200', '300'];
const DAYS = (u: number, i: number) => [2, 10, 40, 120].filter((_, k) => (u + i + k) % 3 !== 0);

beforeAll(async () => {
  handle = await createTestDb();
  for (const [u, userId] of USERS.entries()) {
    await handle.execute(sql`
      insert into profiles (user_id, country, birth_year, opted_out, profile_at)
      values (${userId}, 'US', 1980, ${u === 3}, now())`);
    for (const [i, interestId] of INTERESTS.entries()) {
      for (const ago of DAYS(u, i)) {
        await handle.execute(sql`
          insert into interest_signals (user_id, interest_id, day, count)
          values (${userId}, ${interestId}, ${daysAgo(ago)}::date, 1)`);
      }
    }
  }
  await handle.execute(sql`insert into user_erasures (user_id) values ('user-gone')`);
});
afterAll(async () => {
  await handle.close();
});

async function collect(stream: AsyncIterable<AudienceChunk>) {
  const chunks: AudienceChunk[] = [];
  for await (const c of stream) chunks.push(c);
  const latest = new Map<string, string>();
  for (const c of chunks) {
    for (const s of c.signals ?? []) {
      const key = `${s.userId}/${s.interestId}`;
      if ((latest.get(key) ?? '') < s.lastDay) latest.set(key, s.lastDay);
    }
  }
  return { chunks, latest };
}

/** What the index must end up with: the latest day per pair within 90 days. */
function expected(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [u, userId] of USERS.entries()) {
    for (const [i, interestId] of INTERESTS.entries()) {
      const inWindow = DAYS(u, i).filter((d) => d <= 90);
      if (inWindow.length > 0) out.set(`${userId}/${interestId}`, daysAgo(Math.min(...inWindow)));
    }
  }
  return out;
}

describe('PgAudienceLoader', () => {
  it('scans every profile, the latest in-window day of every pair, erasures and a watermark, for any page size', async () => {
    for (const chunkSize of [1, 2, 5, 7, 1000]) {
      const { chunks, latest } = await collect(new PgAudienceLoader(handle, { chunkSize }).scan());
      const profiles = chunks.flatMap((c) => c.profiles ?? []);
      expect(profiles.map((p) => p.userId)).toEqual(USERS);
      expect(profiles.find((p) => p.userId === 'user-03')?.optedOut).toBe(true);
      expect(new Map([...latest].sort())).toEqual(new Map([...expected()].sort()));
      for (const c of chunks) expect(c.signals?.length ?? 0).toBeLessThanOrEqual(chunkSize);
      const last = chunks.at(-1)!;
      expect(last.erased).toEqual(['user-gone']);
      expect(last.watermark).toMatch(/^\d+$/);
    }
  });

  it('sends each pair once when a page holds all its days', async () => {
    const { chunks } = await collect(new PgAudienceLoader(handle, { chunkSize: 1000 }).scan());
    const signals = chunks.flatMap((c) => c.signals ?? []);
    expect(signals).toHaveLength(expected().size);
  });

  it('changesSince returns only what changed after the watermark', async () => {
    const loader = new PgAudienceLoader(handle, { chunkSize: 2, overlapSeconds: 0 });
    const { chunks } = await collect(loader.scan());
    const watermark = chunks.at(-1)!.watermark!;
    await new Promise((r) => setTimeout(r, 20));
    await handle.execute(sql`
      update interest_signals set day = ${daysAgo(0)}::date, updated_at = now()
      where user_id = 'user-05' and interest_id = '200' and day = (
        select max(day) from interest_signals where user_id = 'user-05' and interest_id = '200')`);
    const changes = await collect(loader.changesSince(watermark));
    expect([...changes.latest]).toEqual([['user-05/200', daysAgo(0)]]);
    expect(changes.chunks.flatMap((c) => c.profiles ?? [])).toEqual([]);
  });
});
