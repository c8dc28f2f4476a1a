/**
 * Attack 1, microtargeting (Korolova 2010): narrow a spec until it matches one person, then
 * toggle a private attribute and watch the count. Defence: the threshold applies to the final
 * set; below it there is no number at all, so both sides of the toggle look the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateOk, numbersIn } from '../support/audience.js';
import { pickProbes } from '../support/interests.js';
import { crowd, exactCount, type PlantedUser, type Spec } from '../support/population.js';
import { type Scenario, startScenario } from '../support/scenario.js';

const K = 100; // the default PARLANCE_K: the test does not lower it

describe('attack 1: microtargeting', () => {
  const { probes, byId } = pickProbes(5);
  const [A, B, R, P, F] = probes.map((p) => p.id) as [string, string, string, string, string];
  // A crowd around the victim: A for 250 people, A+B for 130 of them; P (the private interest)
  // for 149 others; R (rare) for 30 others. The victim alone holds A+B+R+P, and lives in NZ.
  const users: PlantedUser[] = [
    ...crowd('ab', 130, { country: 'US', birthYear: 1985, interests: [A, B] }),
    ...crowd('a', 120, { country: 'US', birthYear: 1985, interests: [A] }),
    ...crowd('p', 149, { country: 'US', birthYear: 1985, interests: [P, F] }),
    ...crowd('r', 30, { country: 'US', birthYear: 1990, interests: [R] }),
    { id: 'victim', country: 'NZ', birthYear: 1979, interests: [A, B, R, P] },
    { id: 'twin', country: 'NZ', birthYear: 1979, interests: [A, B, R] },
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

  it('shows a number for the broad audiences the attacker starts from', async () => {
    const client = scenario.clients.attacker!;
    for (const spec of [{ include: [[A]] }, { include: [[A], [B]] }, { include: [[P]] }] satisfies Spec[]) {
      expect(exactCount(users, byId, spec)).toBeGreaterThanOrEqual(K + 30);
      const { estimate, suppressed } = await estimateOk(client, spec);
      expect(suppressed, JSON.stringify(spec)).toBe(false);
      expect(estimate!.lowerBound).toBeGreaterThanOrEqual(K);
    }
  });

  it('withholds every number once the spec narrows below k, on both sides of the private toggle', async () => {
    const client = scenario.clients.attacker!;
    // The attacker's narrowing path, each step with P required and with P excluded.
    const narrowing: Spec[] = [
      { include: [[A], [B], [R]] },
      { include: [[A], [B]], countries: ['NZ'] },
      { include: [[A]], countries: ['NZ'] },
      { include: [[R]] },
      { include: [[A], [B]], ageMin: 44, ageMax: 48 },
    ];
    let checked = 0;
    for (const base of narrowing) {
      const withP: Spec = { ...base, include: [...base.include, [P]] };
      const withoutP: Spec = { ...base, exclude: [...(base.exclude ?? []), P] };
      const answers = [];
      for (const spec of [base, withP, withoutP]) {
        const { estimate, suppressed, response } = await estimateOk(client, spec);
        if (!spec.ageMin) expect(exactCount(users, byId, spec), JSON.stringify(spec)).toBeLessThan(K);
        expect(suppressed, JSON.stringify(spec)).toBe(true);
        // No count anywhere in the answer: only the budget is a number.
        const numbers = numbersIn(response.data).filter((n) => !n.path.endsWith('privacyBudgetRemaining'));
        expect(numbers, JSON.stringify(spec)).toEqual([]);
        answers.push(
          estimate && {
            belowThreshold: estimate.belowThreshold,
            lo: estimate.lowerBound,
            hi: estimate.upperBound,
          },
        );
        checked++;
      }
      // The toggle teaches nothing: with P, without P and neither look the same.
      expect(answers[1]).toEqual(answers[2]);
      expect(answers[0]).toEqual(answers[1]);
    }
    expect(checked).toBe(narrowing.length * 3);
  });

  it('withholds every combination of the planted interests whose final set is below k', async () => {
    const client = scenario.clients.attacker!;
    const ids = [A, B, R, P];
    const specs: Spec[] = [];
    // Every AND of non-empty subsets, each optionally minus one other interest, in or out of NZ.
    for (let mask = 1; mask < 16; mask++) {
      const include = ids.filter((_, i) => mask & (1 << i)).map((id) => [id]);
      const others = ids.filter((_, i) => !(mask & (1 << i)));
      for (const exclude of [undefined, ...others.map((o) => [o])]) {
        for (const countries of [undefined, ['NZ']]) {
          specs.push({ include, ...(exclude ? { exclude } : {}), ...(countries ? { countries } : {}) });
        }
      }
    }
    let small = 0;
    let large = 0;
    for (const spec of specs) {
      const exact = exactCount(users, byId, spec);
      const { estimate, suppressed } = await estimateOk(client, spec);
      if (exact < K) {
        small++;
        expect(suppressed, `${JSON.stringify(spec)} has ${exact} people`).toBe(true);
        expect(estimate?.lowerBound ?? null).toBeNull();
        expect(estimate?.upperBound ?? null).toBeNull();
      } else if (!suppressed) {
        large++;
        expect(estimate!.lowerBound).toBeGreaterThanOrEqual(K);
      }
    }
    expect(small).toBeGreaterThan(40);
    expect(large).toBeGreaterThan(0);
    console.info(
      `microtargeting: ${specs.length} specs, ${small} below k all withheld, ${large} above k shown`,
    );
  });
});
