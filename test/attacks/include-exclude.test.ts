/**
 * Attack 3, include/exclude bypass (Faizullabhoy & Korolova 2018): include ≥ k people, then
 * exclude all but one. A threshold checked on the operands would let the remainder through.
 * Defence: the threshold applies after the whole algebra, and to every breakdown cell, and to
 * forecasts and insights built on the same set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateOk, numbersIn } from '../support/audience.js';
import { errorCodes } from '../support/graphql.js';
import { pickProbes } from '../support/interests.js';
import { crowd, exactCount, type PlantedUser, type Spec } from '../support/population.js';
import { type Scenario, startScenario } from '../support/scenario.js';

const K = 100;

const BREAKDOWN = /* GraphQL */ `
  query Breakdown($spec: AudienceSpecInput!, $by: BreakdownDimension!) {
    audienceEstimate(spec: $spec) {
      belowThreshold
      lowerBound
      upperBound
      breakdown(by: $by) { key lowerBound upperBound }
      breakdownSuppressedCells(by: $by)
    }
  }
`;

const FORECAST = /* GraphQL */ `
  query Forecast($spec: AudienceSpecInput!) {
    reachForecast(spec: $spec, budget: 5000, cpm: 5, days: 7, frequencyCap: 3) {
      belowThreshold
      impressions
      reachLowerBound
      reachUpperBound
      averageFrequency
      curve { budget reachLowerBound reachUpperBound }
    }
  }
`;

const INSIGHTS = /* GraphQL */ `
  query Insights($spec: AudienceSpecInput!) {
    audienceInsights(spec: $spec, first: 10) {
      interest { id }
      affinityIndex
      overlapLowerBound
      overlapUpperBound
    }
  }
`;

interface BreakdownData {
  audienceEstimate: {
    belowThreshold: boolean;
    lowerBound: number | null;
    upperBound: number | null;
    breakdown: { key: string; lowerBound: number; upperBound: number }[];
    breakdownSuppressedCells: number;
  } | null;
}

describe('attack 3: include/exclude bypass', () => {
  const { probes, byId } = pickProbes(5);
  const [A, B, C, D, F] = probes.map((p) => p.id) as [string, string, string, string, string];
  const users: PlantedUser[] = [
    ...crowd('ab', 150, { country: 'US', birthYear: 1985, interests: [A, B] }),
    ...crowd('a', 98, { country: 'US', birthYear: 1985, interests: [A] }),
    // The victim: A without B, alone in Canada and alone in the 65+ band.
    { id: 'victim', country: 'CA', birthYear: 1950, interests: [A] },
    ...crowd('cd', 150, { country: 'US', birthYear: 1985, interests: [C, D] }),
    ...crowd('c', 3, { country: 'US', birthYear: 1985, interests: [C] }),
    ...crowd('f', 120, { country: 'US', birthYear: 1985, interests: [F] }),
  ];
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await startScenario({
      tenants: ['attacker'],
      env: { PARLANCE_DAILY_BUDGET: '1000' },
      probeInterest: F,
    });
    await scenario.plant(users, byId);
  });
  afterAll(async () => {
    await scenario?.dispose();
  });

  it('withholds include ≥ k minus exclude, when what is left is below k', async () => {
    const client = scenario.clients.attacker!;
    const cases: Spec[] = [
      { include: [[A]], exclude: [B] }, // 99 = k − 1
      { include: [[C]], exclude: [D] }, // 3
      { include: [[A, C]], exclude: [B, D] }, // 102 − … = 99 + 3: still derived from the same people
      { include: [[A]], exclude: [B], countries: ['CA'] }, // the victim alone
      { include: [[A]], countries: ['CA'] },
      { include: [[A], [C, A]], exclude: [B] },
    ];
    for (const spec of cases) {
      const exact = exactCount(users, byId, spec);
      const { estimate, suppressed, response } = await estimateOk(client, spec);
      if (exact < K) {
        expect(suppressed, `${JSON.stringify(spec)}: ${exact} people`).toBe(true);
        expect(estimate?.lowerBound ?? null).toBeNull();
        const numbers = numbersIn(response.data).filter((n) => !n.path.endsWith('privacyBudgetRemaining'));
        expect(numbers).toEqual([]);
      }
    }
    // The operands alone are large: the threshold is not (only) checked on them.
    const { suppressed } = await estimateOk(client, { include: [[A]] });
    expect(suppressed).toBe(false);
  });

  it('suppresses every breakdown cell below k and counts it, never shows it', async () => {
    const client = scenario.clients.attacker!;
    for (const by of ['COUNTRY', 'AGE_BAND'] as const) {
      const r = await client.request<BreakdownData>(BREAKDOWN, { spec: { include: [[A]] }, by });
      expect(r.errors ?? [], JSON.stringify(r.errors)).toEqual([]);
      const e = r.data!.audienceEstimate!;
      expect(e.belowThreshold).toBe(false);
      // Only the US / 35–44 cell holds ≥ k people; the victim's cell (CA, 65+) is withheld.
      expect(e.breakdown.length).toBe(1);
      for (const cell of e.breakdown) expect(cell.lowerBound).toBeGreaterThanOrEqual(K);
      if (by === 'COUNTRY') expect(e.breakdown.map((c) => c.key)).toEqual(['US']);
      expect(e.breakdown.map((c) => c.key).join(',')).not.toMatch(/CA|65/);
      expect(e.breakdownSuppressedCells).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives no breakdown cell, forecast or insight for a sub-k final set', async () => {
    const client = scenario.clients.attacker!;
    const spec: Spec = { include: [[A]], exclude: [B] };
    for (const by of ['COUNTRY', 'AGE_BAND'] as const) {
      const r = await client.request<BreakdownData>(BREAKDOWN, { spec, by });
      const codes = errorCodes(r);
      expect(
        codes.every((c) => c === 'BELOW_THRESHOLD'),
        JSON.stringify(r.errors),
      ).toBe(true);
      const e = r.data?.audienceEstimate;
      if (e) {
        expect(e.belowThreshold).toBe(true);
        expect(e.breakdown ?? []).toEqual([]);
      }
    }
    const f = await scenario.clients.attacker!.request<{ reachForecast: Record<string, unknown> | null }>(
      FORECAST,
      {
        spec,
      },
    );
    expect(
      errorCodes(f).every((c) => c === 'BELOW_THRESHOLD'),
      JSON.stringify(f.errors),
    ).toBe(true);
    if (f.data?.reachForecast) {
      const forecast = f.data.reachForecast;
      expect(forecast.belowThreshold).toBe(true);
      expect(forecast.reachLowerBound).toBeNull();
      expect(forecast.reachUpperBound).toBeNull();
      expect(forecast.curve).toEqual([]);
    }
    const i = await client.request<{ audienceInsights: unknown[] | null }>(INSIGHTS, { spec });
    expect(
      errorCodes(i).every((c) => c === 'BELOW_THRESHOLD'),
      JSON.stringify(i.errors),
    ).toBe(true);
    expect(i.data?.audienceInsights ?? []).toEqual([]);
  });
});
