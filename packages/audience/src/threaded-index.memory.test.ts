import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { RoaringBitmap32 } from './roaring.js';
import { TEST_NOW, type TestUser, testCatalog } from './testing/population.js';
import { ThreadedIndex } from './threaded-index.js';

// Alone in its file (its own process): CRoaring's allocation counter is process-wide, so no other
// index may allocate or be collected while this test reads it.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

it('frees the bitmaps of its workers on close (a terminated thread would keep them allocated)', async () => {
  const users: TestUser[] = Array.from({ length: 6000 }, (_, i) => ({
    userId: `m-${i}`,
    country: 'US',
    birthYear: 1980,
    optedOut: false,
    seen: { i1: i % 30, i2: i % 60 },
  }));
  gc();
  const before = RoaringBitmap32.getRoaringUsedMemory();
  const t = new ThreadedIndex({ threads: 3, catalog: testCatalog });
  await t.fill(new URL('./testing/partition-fill.ts', import.meta.url).href, 'fillTestUsers', users);
  await t.buildSnapshot(TEST_NOW);
  const loaded = RoaringBitmap32.getRoaringUsedMemory() - before;
  expect(loaded).toBeGreaterThan(0);
  await t.close();
  // Two of three partitions were in workers: their share is gone (partition 0 is this thread's
  // and is freed when `t` is collected).
  const left = RoaringBitmap32.getRoaringUsedMemory() - before;
  expect(left).toBeLessThan(loaded * 0.6);
  await expect(t.applyChunk({})).rejects.toMatchObject({ code: 'NOT_READY' });
});
