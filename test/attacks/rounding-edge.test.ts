/**
 * Attack 2, rounding-edge differencing (Venkatadri et al., IEEE S&P 2018): put an audience on a
 * rounding edge, remove exactly the victim with one narrow clause, and watch the bucket flip.
 * Without noise the flip reveals the victim's private interest every time. Defence: seeded noise
 * before rounding, so there is no clean edge.
 *
 * Setup: 144 people hold the private interest P. Victim V1 also holds P, victim V0 does not; each
 * victim alone holds a rare interest (R1, R0) that lets the attacker exclude exactly them. Without
 * noise, |P| = 145 rounds to 150 and |P minus R1| = 144 rounds to 140: a flip for V1 only.
 *
 * Trials: the attacker asks the pair over and over with distinct but equivalent-count specs
 * (adding an empty extra country changes the canonical spec, hence the noise seed, not the count),
 * which is exactly what a real attacker would do to get fresh draws. Each trial guesses "has P"
 * when the full audience reads larger than the audience minus the victim.
 *
 * Advantage = P(guess P | V1) − P(guess P | V0). One answer of ε = 0.1 differs between the two
 * worlds, so ε-DP bounds the advantage of any single-trial test by tanh(ε/2) ≈ 0.05; we allow
 * three standard errors of sampling on top (n trials per arm).
 */
import { listCountries } from '@parlance/taxonomy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Estimate, estimateOk } from '../support/audience.js';
import { pickProbes } from '../support/interests.js';
import { crowd, type PlantedUser, type Spec } from '../support/population.js';
import { type Scenario, startScenario } from '../support/scenario.js';

const TRIALS = 150;
const EPSILON = 0.1;

describe('attack 2: rounding-edge differencing', () => {
  const { probes, byId } = pickProbes(4);
  const [P, R1, R0, F] = probes.map((p) => p.id) as [string, string, string, string];
  const users: PlantedUser[] = [
    ...crowd('p', 144, { country: 'US', birthYear: 1985, interests: [P] }),
    { id: 'v1', country: 'US', birthYear: 1985, interests: [P, R1] },
    { id: 'v0', country: 'US', birthYear: 1985, interests: [R0, F] },
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

  it(`keeps the attacker's advantage near chance over ${TRIALS} trials per victim`, {
    timeout: 600_000,
  }, async () => {
    const client = scenario.clients.attacker!;
    const extraCountries = listCountries()
      .filter((c) => !c.excluded && c.code !== 'US')
      .map((c) => c.code);
    expect(extraCountries.length).toBeGreaterThanOrEqual(TRIALS);
    const value = (e: Estimate | null) =>
      e && !e.belowThreshold && e.lowerBound !== null && e.upperBound !== null
        ? (e.lowerBound + e.upperBound) / 2
        : 0;
    const snapshots = new Set<string>();
    let guessedPForV1 = 0;
    let guessedPForV0 = 0;
    let flipsV1 = 0;
    for (let t = 0; t < TRIALS; t++) {
      const countries = ['US', extraCountries[t]!];
      const full: Spec = { include: [[P]], countries };
      const minusV1: Spec = { include: [[P]], exclude: [R1], countries };
      const minusV0: Spec = { include: [[P]], exclude: [R0], countries };
      const [a, b1, b0] = await Promise.all([full, minusV1, minusV0].map((s) => estimateOk(client, s)));
      for (const r of [a, b1, b0]) if (r?.estimate) snapshots.add(r.estimate.snapshotId);
      if (value(a!.estimate) > value(b1!.estimate)) guessedPForV1++;
      if (value(a!.estimate) > value(b0!.estimate)) guessedPForV0++;
      if (value(a!.estimate) !== value(b1!.estimate)) flipsV1++;
    }
    const tpr = guessedPForV1 / TRIALS;
    const fpr = guessedPForV0 / TRIALS;
    const advantage = tpr - fpr;
    const standardError = Math.sqrt((tpr * (1 - tpr) + fpr * (1 - fpr)) / TRIALS);
    const bound = Math.tanh(EPSILON / 2) + 3 * Math.max(standardError, 0.03);
    console.info(
      `rounding-edge: ${TRIALS} trials per victim, TPR ${tpr.toFixed(3)}, FPR ${fpr.toFixed(3)}, ` +
        `advantage ${advantage.toFixed(3)} (bound ${bound.toFixed(3)}; noiseless rounding would give 1.000), ` +
        `bucket changed on removing V1 in ${flipsV1}/${TRIALS}, snapshots ${snapshots.size}`,
    );
    // Without noise: 145 → 150 and 144 → 140 in every trial, TPR 1, FPR 0.
    expect(Math.abs(advantage)).toBeLessThanOrEqual(bound);
    // The flip is not deterministic on one person: removing V1 leaves the bucket unchanged often.
    expect(flipsV1).toBeLessThan(TRIALS * 0.95);
    expect(tpr).toBeLessThan(0.9);
  });
});
