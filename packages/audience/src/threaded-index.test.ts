import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryBudgetStore } from './budget.js';
import { AudienceEngine } from './engine.js';
import { AudienceError } from './errors.js';
import type { AudienceChunk, AudienceLoader } from './loader.js';
import {
  breakdownPartitioned,
  countPartitioned,
  interestSizePartitioned,
  overlapPartitioned,
  PartitionedIndex,
  partitionOfUser,
} from './partitioned-index.js';
import { canonicalizeSpec } from './spec.js';
import {
  populationArb,
  populationChunk,
  specInputArb,
  TEST_INTERESTS,
  TEST_NOW,
  type TestUser,
  testCatalog,
} from './testing/population.js';
import { ThreadedIndex } from './threaded-index.js';

const opts = { catalog: testCatalog, at: TEST_NOW };
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
const fillModule = new URL('./testing/partition-fill.ts', import.meta.url).href;
const DAY = 86_400_000;

const open: ThreadedIndex[] = [];
function threaded(threads: number): ThreadedIndex {
  const t = new ThreadedIndex({ threads, catalog: testCatalog });
  open.push(t);
  return t;
}
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

const user = (userId: string, seen: Record<string, number>, country = 'US'): TestUser => ({
  userId,
  country,
  birthYear: 1980,
  optedOut: false,
  seen,
});

describe('threaded index (partitions in worker threads)', () => {
  it('answers exactly like the in-thread partitioned index, chunk after chunk, P ∈ {2, 3}', async () => {
    for (const p of [2, 3]) {
      const inThread = new PartitionedIndex({ partitions: p, catalog: testCatalog });
      const parallel = threaded(p);
      let day = 0;
      await fc.assert(
        fc.asyncProperty(
          populationArb(40),
          fc.array(specInputArb, { minLength: 1, maxLength: 3 }),
          fc.array(fc.nat(60), { maxLength: 4 }),
          fc.integer({ min: 0, max: 2 }),
          async (users, inputs, erase, advance) => {
            // Users keep their ids across runs, so later runs update, replay and erase earlier ones.
            const chunk: AudienceChunk = { ...populationChunk(users), erased: erase.map((i) => `user-${i}`) };
            inThread.applyChunk(chunk);
            await parallel.applyChunk(chunk);
            day += advance;
            const now = new Date(TEST_NOW.getTime() + day * DAY);
            const a = inThread.buildSnapshot(now);
            const b = await parallel.buildSnapshot(now);
            expect(b.id).toBe(a.id);
            expect(b.users).toBe(a.users);
            for (const id of TEST_INTERESTS) {
              for (const w of [7, 30, 90] as const) {
                expect(parallel.interestSize(b, id, w)).toBe(interestSizePartitioned(a, id, w));
              }
            }
            for (const input of inputs) {
              let spec: ReturnType<typeof canonicalizeSpec>;
              try {
                spec = canonicalizeSpec(input, {}, opts);
              } catch (e) {
                if (e instanceof AudienceError) continue;
                throw e;
              }
              expect(await parallel.count(b, spec)).toBe(countPartitioned(a, spec));
              for (const dim of ['COUNTRY', 'AGE_BAND'] as const) {
                expect(await parallel.breakdown(b, spec, dim)).toEqual(breakdownPartitioned(a, spec, dim));
              }
              const o = await parallel.overlaps(b, spec);
              expect(o.count).toBe(countPartitioned(a, spec));
              expect(sorted(o.overlaps)).toEqual(sorted(overlapPartitioned(a, spec)));
            }
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it('bulk-fills every partition in its own thread, like applying the chunk', async () => {
    const users = Array.from({ length: 300 }, (_, i) => user(`f-${i}`, { [`i${i % 8}`]: i % 40 }));
    const filled = threaded(3);
    const counts = await filled.fill<TestUser[], number>(fillModule, 'fillTestUsers', users);
    expect(counts.reduce((a, n) => a + n, 0)).toBe(300);
    expect(counts.every((n) => n > 50)).toBe(true);
    const reference = new PartitionedIndex({ partitions: 3, catalog: testCatalog });
    reference.applyChunk(populationChunk(users));
    const s = await filled.buildSnapshot(TEST_NOW);
    expect(s.id).toBe(reference.buildSnapshot(TEST_NOW).id);
    expect(s.users).toBe(300);
    const memory = await filled.memory();
    expect(memory.snapshotBitmapBytes).toBeGreaterThan(0);
    expect(memory.slotTableBytes).toBeGreaterThan(0);
  });

  it('keeps a snapshot alive while a query runs on it, and releases it after', async () => {
    const t = threaded(2);
    const users = Array.from({ length: 200 }, (_, i) => user(`k-${i}`, { i1: 1 }));
    await t.applyChunk(populationChunk(users));
    const s1 = await t.buildSnapshot(TEST_NOW);
    const spec = canonicalizeSpec({ include: [['i1']] }, {}, opts);
    // A query asked on s1 before the next build lands still sees s1's numbers.
    const during = t.count(s1, spec);
    await t.applyChunk({ erased: users.slice(0, 50).map((u) => u.userId) });
    const s2 = await t.buildSnapshot(TEST_NOW);
    expect(await during).toBe(200);
    expect(await t.count(s2, spec)).toBe(150);
    // s1 is neither current nor queried any more: its worker part is gone.
    await t.applyChunk({ erased: ['k-60'] });
    await t.buildSnapshot(TEST_NOW);
    await expect(t.count(s1, spec)).rejects.toMatchObject({ code: 'NOT_READY' });
    expect(t.snapshot).toBeDefined();
  });

  it('reports a crashed worker as NOT_READY on every call, never a wrong number', async () => {
    const t = threaded(2);
    await t.applyChunk(populationChunk([user('c-1', { i1: 1 }), user('c-2', { i1: 2 })]));
    const s = await t.buildSnapshot(TEST_NOW);
    await expect(t.fill(fillModule, 'exitWorker', 7)).rejects.toMatchObject({ code: 'NOT_READY' });
    expect(t.failed).toBeInstanceOf(AudienceError);
    expect(t.snapshot).toBeUndefined();
    const spec = canonicalizeSpec({ include: [['i1']] }, {}, opts);
    await expect(t.count(s, spec)).rejects.toMatchObject({ code: 'NOT_READY' });
    await expect(t.applyChunk({ erased: ['c-1'] })).rejects.toMatchObject({ code: 'NOT_READY' });
  });

  it('rejects a thread count that is not a whole number ≥ 1', () => {
    expect(() => new ThreadedIndex({ threads: 0 })).toThrow(RangeError);
    expect(() => new ThreadedIndex({ threads: 1.5 })).toThrow(RangeError);
  });
});

describe('engine on threads', () => {
  const people = Array.from({ length: 900 }, (_, i) =>
    user(
      `e-${i}`,
      { i1: i % 9, i2: (i * 7) % 50, ...(i % 3 === 0 ? { i3: 4 } : {}) },
      ['US', 'CA', 'BR'][i % 3],
    ),
  );
  let state: TestUser[] = people;
  const loader: AudienceLoader = {
    async *scan() {
      yield populationChunk(state);
      yield { watermark: 'w1' };
    },
    async *changesSince() {},
  };
  const engine = (extra: { threads?: number; partitions?: number; snapshotIntervalMs?: number }) =>
    new AudienceEngine({
      loader,
      budgetStore: new InMemoryBudgetStore(),
      privacy: { secret: 'threads-test-secret-0123456789', k: 10 },
      snapshotIntervalMs: 0,
      now: () => TEST_NOW,
      catalog: testCatalog,
      ...extra,
    });

  it('releases byte-identical answers to the in-thread partitioned engine', async () => {
    const a = engine({ partitions: 2 });
    const b = engine({ threads: 2 });
    await Promise.all([a.start(), b.start()]);
    try {
      expect(b.snapshot?.id).toBe(a.snapshot?.id);
      const spec = { include: [['i1', 'i2']], exclude: ['i3'], countries: ['US', 'CA'], ageMin: 25 };
      expect(await b.estimate('org', spec)).toEqual(await a.estimate('org', spec));
      expect(await b.breakdown('org', spec, 'COUNTRY')).toEqual(await a.breakdown('org', spec, 'COUNTRY'));
      expect(await b.insights('org', { include: [['i1']] }, 2)).toEqual(
        await a.insights('org', { include: [['i1']] }, 2),
      );
      const campaign = { budget: 1000, cpm: 5, days: 7, frequencyCap: 2 };
      expect(await b.forecast('org', spec, campaign)).toEqual(await a.forecast('org', spec, campaign));
      expect(b.interestSizeRange('i1')).toEqual(a.interestSizeRange('i1'));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('gates the summed count, never a partition: 12 users below k = 10 in each thread pass, 5 never do', async () => {
    const few = [
      ...Array.from({ length: 12 }, (_, i) => user(`g-${i}`, { i5: 1 })),
      ...Array.from({ length: 5 }, (_, i) => user(`h-${i}`, { i6: 1 })),
    ];
    const perThread = [0, 1].map(
      (p) => few.filter((u) => u.seen.i5 !== undefined && partitionOfUser(u.userId, 2) === p).length,
    );
    expect(Math.max(...perThread)).toBeLessThan(10);
    const e = new AudienceEngine({
      loader: {
        async *scan() {
          yield populationChunk(few);
        },
        async *changesSince() {},
      },
      budgetStore: new InMemoryBudgetStore(),
      privacy: { secret: 'threads-test-secret-0123456789', k: 10 },
      snapshotIntervalMs: 0,
      now: () => TEST_NOW,
      catalog: testCatalog,
      threads: 2,
    });
    await e.start();
    try {
      expect((await e.estimate('org', { include: [['i5']] })).audience.belowThreshold).toBe(false);
      const small = await e.estimate('org', { include: [['i6']] });
      expect(small.audience).toMatchObject({ belowThreshold: true, value: null, lower: null, upper: null });
      const cells = await e.breakdown('org', { include: [['i5', 'i6']] }, 'COUNTRY');
      expect(cells.cells.every((c) => c.lower >= 10)).toBe(true);
    } finally {
      await e.stop();
    }
  });

  it('rebuilds from the loader when a worker dies, answering NOT_READY meanwhile', async () => {
    const e = engine({ threads: 2 });
    await e.start();
    try {
      const before = await e.estimate('org', { include: [['i1']] });
      await expect(e.threadedIndex!.fill(fillModule, 'exitWorker', 1)).rejects.toMatchObject({
        code: 'NOT_READY',
      });
      expect(e.readiness.ready).toBe(false);
      expect(e.readiness.lastError).toMatch(/partition stopped/);
      await expect(e.estimate('org', { include: [['i1']] })).rejects.toMatchObject({ code: 'NOT_READY' });
      state = people.slice(0, 600);
      await e.refresh();
      expect(e.readiness.ready).toBe(true);
      const after = await e.estimate('org', { include: [['i1']] });
      expect(after.snapshotId).not.toBe(before.snapshotId);
      expect(after.audience.value).toBeLessThan(before.audience.value ?? 0);
    } finally {
      state = people;
      await e.stop();
    }
  });

  it('with the timer on, rebuilds by itself soon after a worker dies', async () => {
    const timed = engine({ threads: 2, snapshotIntervalMs: 300 });
    await timed.start();
    try {
      const broken = timed.threadedIndex!;
      await expect(broken.fill(fillModule, 'exitWorker', 1)).rejects.toMatchObject({ code: 'NOT_READY' });
      expect(timed.readiness.ready).toBe(false);
      for (let i = 0; i < 60 && !timed.readiness.ready; i++) await new Promise((r) => setTimeout(r, 50));
      expect(timed.readiness.ready).toBe(true);
      expect(timed.threadedIndex).not.toBe(broken);
      expect((await timed.estimate('org', { include: [['i1']] })).audience.belowThreshold).toBe(false);
    } finally {
      await timed.stop();
    }
  });

  it('refuses partitions and threads together', () => {
    expect(() => engine({ partitions: 2, threads: 2 })).toThrow(AudienceError);
  });
});
