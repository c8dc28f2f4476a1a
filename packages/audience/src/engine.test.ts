import { INTERESTS } from '@parlance/taxonomy';
import { describe, expect, it } from 'vitest';
import { InMemoryBudgetStore } from './budget.js';
import { AudienceEngine, type AudienceEngineOptions } from './engine.js';
import type { AudienceChunk, AudienceLoader } from './loader.js';
import { canonicalizeSpec } from './spec.js';
import { TEST_NOW, testCatalog } from './testing/population.js';

/** 3,000 adults; i1 for everyone, i2 for two thirds, i3 for one third, i4 for every 6th (all also in i3). */
function world(): AudienceChunk {
  const profiles = [];
  const signals = [];
  for (let u = 0; u < 3000; u++) {
    const userId = `u${u}`;
    profiles.push({
      userId,
      country: ['US', 'CA', 'BR'][u % 3]!,
      birthYear: 1950 + (u % 50),
      optedOut: false,
    });
    signals.push({ userId, interestId: 'i1', lastDay: '2025-06-29' });
    if (u % 3 !== 0) signals.push({ userId, interestId: 'i2', lastDay: '2025-06-20' });
    if (u % 3 === 0) signals.push({ userId, interestId: 'i3', lastDay: '2025-06-28' });
    if (u % 6 === 0) signals.push({ userId, interestId: 'i4', lastDay: '2025-06-28' });
  }
  return { profiles, signals, watermark: 'w0' };
}

class TestLoader implements AudienceLoader {
  pending: AudienceChunk[] = [];
  async *scan(): AsyncIterable<AudienceChunk> {
    yield world();
  }
  async *changesSince(_watermark: string): AsyncIterable<AudienceChunk> {
    const chunks = this.pending;
    this.pending = [];
    yield* chunks;
  }
}

function engine(over: Partial<AudienceEngineOptions> = {}) {
  const loader = new TestLoader();
  const e = new AudienceEngine({
    loader,
    budgetStore: new InMemoryBudgetStore(),
    privacy: { secret: 'a-test-secret-of-32-characters!!' },
    snapshotIntervalMs: 0,
    now: () => TEST_NOW,
    catalog: testCatalog,
    ...over,
  });
  return { e, loader };
}

const strip = <T extends { epsilonSpent: number; privacyBudgetRemaining: number }>(r: T) => {
  const { epsilonSpent: _e, privacyBudgetRemaining: _p, ...rest } = r;
  return JSON.stringify(rest);
};

describe('AudienceEngine', () => {
  it('is NOT_READY before start', async () => {
    const { e } = engine();
    await expect(e.estimate('o', { include: [['i1']] })).rejects.toMatchObject({ code: 'NOT_READY' });
    expect(e.readiness.ready).toBe(false);
  });

  it('answers reworded questions byte-identically and charges once', async () => {
    const { e } = engine();
    await e.start();
    const a = await e.estimate('o', { include: [['i2', 'i3'], ['i1']], countries: ['us', 'CA'] });
    const b = await e.estimate('o', {
      include: [
        ['i1', 'i1'],
        ['i3', 'i2'],
        ['i1', 'i4'],
      ],
      countries: ['CA', 'US', 'us'],
    });
    expect(strip(b)).toBe(strip(a));
    expect(a.epsilonSpent).toBe(0.1);
    expect(b.epsilonSpent).toBe(0);
    expect(b.privacyBudgetRemaining).toBeCloseTo(24.9);
    expect(a.audience.belowThreshold).toBe(false);
    expect(a.audience.value).toBeGreaterThan(1500);
    expect(a.launchable).toBe(true);
    expect(a.snapshotId).toBe(e.snapshot!.id);
  });

  it('withholds audiences below k after the whole algebra (include/exclude bypass)', async () => {
    const { e } = engine();
    await e.start();
    // 3,000 included, all but a handful excluded.
    const r = await e.estimate('o', { include: [['i1']], exclude: ['i2', 'i3'] });
    expect(r.audience).toEqual({ belowThreshold: true, value: null, lower: null, upper: null });
  });

  it('refuses new answers once the budget is spent; repeats stay free', async () => {
    const { e } = engine({ privacy: { secret: 'a-test-secret-of-32-characters!!', dailyBudget: 0.25 } });
    await e.start();
    await e.estimate('o', { include: [['i1']] });
    await e.estimate('o', { include: [['i2']] });
    await expect(e.estimate('o', { include: [['i3']] })).rejects.toMatchObject({
      code: 'PRIVACY_BUDGET_EXHAUSTED',
    });
    expect((await e.estimate('o', { include: [['i1']] })).epsilonSpent).toBe(0);
    expect((await e.estimate('other-org', { include: [['i3']] })).epsilonSpent).toBe(0.1);
  });

  it('breakdowns gate every cell and count suppressed ones', async () => {
    const { e } = engine();
    await e.start();
    const r = await e.breakdown('o', { include: [['i4']] }, 'COUNTRY');
    expect(r.cells.length + r.suppressedCells).toBe(3);
    expect(r.cells.every((c) => c.value >= 100)).toBe(true);
    const ages = await e.breakdown('o', { include: [['i1']], ageMin: 25, ageMax: 44 }, 'AGE_BAND');
    expect(ages.cells.map((c) => c.key)).toEqual(['25-34', '35-44']);
    expect(ages.epsilonSpent).toBe(0.1);
  });

  it('forecasts from the released size and spends only what the estimate spends', async () => {
    const { e } = engine();
    await e.start();
    const est = await e.estimate('o', { include: [['i1']] });
    const f = await e.forecast(
      'o',
      { include: [['i1']] },
      { budget: 100, cpm: 10, days: 7, frequencyCap: 1 },
    );
    expect(f.epsilonSpent).toBe(0);
    expect(f.audience).toEqual(est.audience);
    expect(f.points).toHaveLength(10);
    expect(f.points.at(-1)!.reach).toBeLessThanOrEqual(est.audience.value! * 1.01);
  });

  it('insights rank related interests, never the spec’s own', async () => {
    const { e } = engine();
    await e.start();
    const r = await e.insights('o', { include: [['i3']] }, 2);
    expect(r.items.map((i) => i.interestId)).not.toContain('i3');
    expect(r.items.map((i) => i.interestId)).toContain('i4');
    for (const i of r.items) expect(i.overlap.value).toBeGreaterThanOrEqual(100);
    expect(r.epsilonSpent).toBeCloseTo(0.1 + 0.3);
    expect(JSON.stringify(await e.insights('o', { include: [['i3']] }, 2))).toContain(
      JSON.stringify(r.items),
    );
  });

  it('publishes interest sizes without spending budget', async () => {
    const { e } = engine();
    await e.start();
    const a = e.interestSizeRange('i1');
    expect(a.size.belowThreshold).toBe(false);
    expect(e.interestSizeRange('i1')).toEqual(a);
    expect(e.interestSizeRange('i7').size.belowThreshold).toBe(true);
  });

  it('refresh applies changes into a new snapshot; no change keeps the id', async () => {
    const { e, loader } = engine();
    await e.start();
    const s1 = e.snapshot!.id;
    await e.refresh();
    expect(e.snapshot!.id).toBe(s1);
    const before = await e.estimate('o', { include: [['i1']] });
    loader.pending.push({ erased: ['u0', 'u1'], watermark: 'w1' });
    await e.refresh();
    expect(e.snapshot!.id).not.toBe(s1);
    expect(e.snapshot!.users).toBe(2998);
    expect(e.readiness.watermark).toBe('w1');
    const after = await e.estimate('o', { include: [['i1']] });
    expect(after.snapshotId).not.toBe(before.snapshotId);
    expect(after.epsilonSpent).toBe(0.1);
  });

  it('after a failed start, keeps loading from scratch until it is ready', async () => {
    let scans = 0;
    const flaky: AudienceLoader = {
      async *scan() {
        scans++;
        yield { profiles: world().profiles!.slice(0, 10) }; // part of the data, then the database goes away
        if (scans === 1) throw new Error('connection terminated unexpectedly');
        yield world();
      },
      async *changesSince() {},
    };
    const { e } = engine({ loader: flaky, snapshotIntervalMs: 200 });
    await expect(e.start()).rejects.toThrow('connection terminated');
    expect(e.readiness).toMatchObject({ ready: false, lastError: 'connection terminated unexpectedly' });
    await expect(e.estimate('o', { include: [['i1']] })).rejects.toMatchObject({ code: 'NOT_READY' });
    for (let i = 0; i < 50 && !e.readiness.ready; i++) await new Promise((r) => setTimeout(r, 50));
    try {
      expect(scans).toBe(2);
      expect(e.readiness.ready).toBe(true);
      expect(e.snapshot?.users).toBe(3000);
    } finally {
      await e.stop();
    }
  });

  it('with the timer off, a failed start stays failed (NOT_READY) until asked to refresh', async () => {
    let scans = 0;
    const flaky: AudienceLoader = {
      async *scan() {
        if (++scans === 1) throw new Error('down');
        yield world();
      },
      async *changesSince() {},
    };
    const { e } = engine({ loader: flaky });
    await expect(e.start()).rejects.toThrow('down');
    await new Promise((r) => setTimeout(r, 100));
    expect(scans).toBe(1);
    await e.refresh();
    expect(e.snapshot?.users).toBe(3000);
  });

  it('validates against the real taxonomy by default', () => {
    const sensitive = INTERESTS.find((i) => i.sensitive !== null);
    const plain = INTERESTS.find((i) => i.sensitive === null)!;
    expect(canonicalizeSpec({ include: [[plain.id]] }).include).toEqual([[plain.id]]);
    if (sensitive) {
      expect(() => canonicalizeSpec({ include: [[sensitive.id]] })).toThrow(
        expect.objectContaining({ code: 'SENSITIVE_INTEREST' }),
      );
    }
    expect(() => canonicalizeSpec({ include: [[plain.id]], countries: ['FR'] })).toThrow(
      expect.objectContaining({ code: 'EXCLUDED_COUNTRY' }),
    );
  });

  it('partitioned: same exact numbers; threshold and noise applied once to the summed count', async () => {
    // ε huge ⇒ noise ≪ one rounding step, so the released values expose the exact counts.
    const privacy = { secret: 'a-test-secret-of-32-characters!!', epsilon: 1e6, k: 10, dailyBudget: 1e12 };
    const one = engine({ privacy });
    const seven = engine({ privacy, partitions: 7 });
    await one.e.start();
    await seven.e.start();
    expect(seven.e.partitionedIndex?.partitions).toHaveLength(7);
    expect(seven.e.snapshot!.users).toBe(one.e.snapshot!.users);
    expect(seven.e.snapshot!.interests).toBe(one.e.snapshot!.interests);
    const specs = [
      { include: [['i1']] },
      { include: [['i2', 'i3']], exclude: ['i4'], ageMin: 30, ageMax: 50 },
    ];
    for (const spec of specs) {
      expect((await seven.e.estimate('o', spec)).audience).toEqual(
        (await one.e.estimate('o', spec)).audience,
      );
      for (const dim of ['COUNTRY', 'AGE_BAND'] as const) {
        const a = await seven.e.breakdown('o', spec, dim);
        const b = await one.e.breakdown('o', spec, dim);
        expect([a.cells, a.suppressedCells]).toEqual([b.cells, b.suppressedCells]);
      }
      const ia = await seven.e.insights('o', spec, 3);
      const ib = await one.e.insights('o', spec, 3);
      const byId = (r: typeof ia) =>
        r.items.map((x) => [x.interestId, x.overlap] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
      expect(byId(ia)).toEqual(byId(ib));
    }
    // 12 people over 7 partitions: every partition holds fewer than k = 10, the total passes.
    const small: AudienceChunk = {
      profiles: Array.from({ length: 12 }, (_, u) => ({
        userId: `s${u}`,
        country: 'US',
        birthYear: 1980,
        optedOut: false,
      })),
      signals: Array.from({ length: 12 }, (_, u) => ({
        userId: `s${u}`,
        interestId: 'i5',
        lastDay: '2025-06-29',
      })),
    };
    seven.loader.pending.push(small);
    await seven.e.refresh();
    const perPartition = seven.e.partitionedIndex!.snapshot!.parts.map(
      (p) => p.interests.get('i5')?.[30].size ?? 0,
    );
    expect(Math.max(...perPartition)).toBeLessThan(10);
    const r = await seven.e.estimate('o', { include: [['i5']] });
    expect(r.audience).toMatchObject({ belowThreshold: false, value: 12 });
  });
});
