import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryBudgetStore } from './budget.js';
import {
  laplaceFromSeed,
  noiseSeed,
  rangeHalfWidth,
  releaseCount,
  roundTwoSignificant,
  utcDayStart,
} from './privacy.js';

const seedOf = (n: number) => noiseSeed('test-secret-test-secret', ['estimate', String(n), 'snap']);

describe('privacy layer', () => {
  it.each([
    [99.6, 100, 10],
    [123, 120, 10],
    [1234, 1200, 100],
    [9960, 10000, 1000],
    [45_678_901, 46_000_000, 1_000_000],
  ])('rounds %d to %d (step %d)', (x, value, step) => {
    expect(roundTwoSignificant(x)).toEqual({ value, step });
  });

  it('never releases a number when the exact count is below k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer(), (exact, s) => {
        expect(releaseCount(exact, { k: 100, epsilon: 0.1, seed: seedOf(s) }).belowThreshold).toBe(true);
      }),
    );
  });

  it('released values are ≥ k, ranges contain the value, and draws are deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer(), (exact, s) => {
        const r = releaseCount(exact, { k: 100, epsilon: 0.1, seed: seedOf(s) });
        expect(releaseCount(exact, { k: 100, epsilon: 0.1, seed: seedOf(s) })).toEqual(r);
        if (r.belowThreshold) return;
        expect(r.value).toBeGreaterThanOrEqual(100);
        expect(r.lower).toBeGreaterThanOrEqual(100);
        expect(r.lower).toBeLessThanOrEqual(r.value);
        expect(r.upper).toBeGreaterThan(r.value);
      }),
    );
  });

  it('suppresses near k by the noisy count too (no clean edge)', () => {
    let shown = 0;
    for (let s = 0; s < 2000; s++)
      if (!releaseCount(100, { k: 100, epsilon: 0.1, seed: seedOf(s) }).belowThreshold) shown++;
    expect(shown).toBeGreaterThan(800);
    expect(shown).toBeLessThan(1200);
  });

  it('draws Laplace(1/ε) noise: median ≈ 0, mean |x| ≈ scale', () => {
    const xs = Array.from({ length: 20_000 }, (_, i) => laplaceFromSeed(seedOf(i), 10)).sort((a, b) => a - b);
    expect(Math.abs(xs[10_000]!)).toBeLessThan(0.5);
    const meanAbs = xs.reduce((a, x) => a + Math.abs(x), 0) / xs.length;
    expect(meanAbs).toBeGreaterThan(9.5);
    expect(meanAbs).toBeLessThan(10.5);
  });

  it('widens ranges to the 95 % noise interval', () => {
    expect(rangeHalfWidth(10, 0.1, 0.95)).toBe(30);
    expect(rangeHalfWidth(1000, 0.1, 0.95)).toBe(1000);
  });

  it('windows budgets by UTC day', () => {
    expect(utcDayStart(new Date('2025-06-30T23:59:59Z')).toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });
});

describe('InMemoryBudgetStore', () => {
  it('charges distinct answers, repeats are free, refuses beyond the limit', async () => {
    const store = new InMemoryBudgetStore();
    const w = new Date('2025-06-30T00:00:00Z');
    expect(await store.spend('o', w, 'a', 0.4, 1)).toEqual({
      charged: true,
      remaining: 0.6,
      exhausted: false,
    });
    expect(await store.spend('o', w, 'a', 0.4, 1)).toEqual({
      charged: false,
      remaining: 0.6,
      exhausted: false,
    });
    expect((await store.spend('o', w, 'b', 0.6, 1)).charged).toBe(true);
    expect(await store.spend('o', w, 'c', 0.1, 1)).toEqual({ charged: false, remaining: 0, exhausted: true });
    expect(await store.spend('o', w, 'a', 0.4, 1)).toEqual({
      charged: false,
      remaining: 0,
      exhausted: false,
    });
    expect(await store.remaining('other', w, 1)).toBe(1);
    expect(await store.remaining('o', new Date('2025-07-01T00:00:00Z'), 1)).toBe(1);
  });

  it('fits 250 answers of 0.1 in a budget of 25', async () => {
    const store = new InMemoryBudgetStore();
    const w = new Date(0);
    for (let i = 0; i < 250; i++) expect((await store.spend('o', w, `q${i}`, 0.1, 25)).charged).toBe(true);
    expect((await store.spend('o', w, 'q250', 0.1, 25)).exhausted).toBe(true);
  });
});
