import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cappedPoissonMean, reachCurve } from './forecast.js';

describe('reach forecast', () => {
  it('E[min(X, cap)] tends to λ for a large cap and to cap for a large λ', () => {
    expect(cappedPoissonMean(2, 1000)).toBeCloseTo(2, 6);
    expect(cappedPoissonMean(500, 3)).toBeCloseTo(3, 6);
    expect(cappedPoissonMean(1, 1)).toBeCloseTo(1 - Math.exp(-1), 9);
  });

  it('curves are monotone, bounded by the audience and the frequency cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 50_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (n, budget, cpm, days, cap) => {
          const pts = reachCurve(n, { budget, cpm, days, frequencyCap: cap });
          expect(pts.length).toBeGreaterThanOrEqual(1);
          expect(pts.length).toBeLessThanOrEqual(10);
          let prev = { spend: 0, reach: 0 };
          for (const p of pts) {
            expect(p.spend).toBeGreaterThan(prev.spend);
            expect(p.reach).toBeGreaterThanOrEqual(prev.reach);
            expect(p.reach).toBeLessThanOrEqual(n * 1.05);
            expect(p.spend).toBeLessThanOrEqual(budget + 0.01);
            expect(p.averageFrequency).toBeLessThanOrEqual(cap * days + 0.01);
            prev = p;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ends at the saturation point instead of repeating it', () => {
    // 1,000 people × 1 impression × 1 day = 1,000 impressions = 5 at CPM 5: saturated at 50 %.
    const pts = reachCurve(1000, { budget: 10, cpm: 5, days: 1, frequencyCap: 1 });
    expect(pts.map((p) => p.spend)).toEqual([1, 2, 3, 4, 5]);
    expect(pts.at(-1)).toMatchObject({ impressions: 1000, averageFrequency: 1 });
  });

  it('rejects nonsense inputs', () => {
    expect(() => reachCurve(1000, { budget: -1, cpm: 5, days: 7, frequencyCap: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
