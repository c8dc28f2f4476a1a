/**
 * Attack 4, nanotargeting (González-Cabañas et al. 2021): four rare interests make most people
 * unique. Defence: the threshold holds on every final set, whatever the combination (checked
 * here by property-based search over specs on a planted population with known exact counts),
 * and specs are capped (≤ 5 AND-groups, ≤ 50 interests by default).
 */
import { INTERESTS } from '@parlance/taxonomy';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimate, estimateOk } from '../support/audience.js';
import { pickProbes } from '../support/interests.js';
import { exactCount, type PlantedUser, type Spec } from '../support/population.js';
import { type Scenario, startScenario } from '../support/scenario.js';

const K = 100;
const RUNS = 300;

/** A tiny deterministic PRNG (mulberry32), so the population is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('attack 4: nanotargeting with four rare interests', () => {
  const { probes, byId } = pickProbes(6);
  const rare = probes.slice(0, 4).map((p) => p.id);
  const [F, G] = probes.slice(4, 6).map((p) => p.id) as [string, string];
  const random = prng(20_210_401);
  const countries = ['US', 'CA', 'MX'];
  const users: PlantedUser[] = [];
  for (let n = 0; n < 320; n++) {
    let held: string[];
    do held = rare.filter(() => random() < 0.42);
    while (held.length === 4);
    if (random() < 0.5) held.push(F);
    if (random() < 0.3) held.push(G);
    if (held.length === 0) held.push(F);
    users.push({
      id: `u${n}`,
      country: countries[Math.floor(random() * 3)]!,
      birthYear: 1970 + (n % 30),
      interests: held,
    });
  }
  users.push({ id: 'victim', country: 'US', birthYear: 1982, interests: [...rare] });
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

  it('withholds the AND of the four rare interests (the victim alone)', async () => {
    const client = scenario.clients.attacker!;
    const spec: Spec = { include: rare.map((id) => [id]) };
    expect(exactCount(users, byId, spec)).toBe(1);
    const r = await estimateOk(client, spec);
    expect(r.suppressed).toBe(true);
    expect(r.estimate?.lowerBound ?? null).toBeNull();
    for (const single of rare) {
      expect(exactCount(users, byId, { include: [[single]] })).toBeGreaterThanOrEqual(K);
    }
  });

  it(`holds the threshold on ${RUNS} random specs over the planted interests`, {
    timeout: 600_000,
  }, async () => {
    const client = scenario.clients.attacker!;
    const pool = [...rare, F, G];
    const specArb = fc.record(
      {
        include: fc.array(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 5,
        }),
        exclude: fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 2 }),
        countries: fc.uniqueArray(fc.constantFrom(...countries), { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: ['include'] },
    );
    let withheld = 0;
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(specArb, async (spec: Spec) => {
        const exact = exactCount(users, byId, spec);
        const r = await estimate(client, spec);
        // A contradictory spec (an interest both included and excluded) may be refused as bad input.
        const codes = r.codes.filter((c) => c !== 'BELOW_THRESHOLD');
        if (codes.length > 0) {
          expect(codes).toEqual(['BAD_USER_INPUT']);
          return;
        }
        if (exact < K) {
          expect(r.suppressed, `${JSON.stringify(spec)}: ${exact} people`).toBe(true);
          expect(r.estimate?.lowerBound ?? null).toBeNull();
          withheld++;
        } else if (!r.suppressed) {
          expect(r.estimate!.lowerBound).toBeGreaterThanOrEqual(K);
          shown++;
        }
      }),
      { numRuns: RUNS, seed: 4_2021 },
    );
    console.info(`nanotargeting: ${RUNS} random specs, ${withheld} below k withheld, ${shown} shown`);
    expect(withheld).toBeGreaterThan(RUNS / 4);
  });

  it('caps the spec: more than 5 AND-groups or 50 interests is refused with a typed error', async () => {
    const client = scenario.clients.attacker!;
    const targetable = INTERESTS.filter((i) => i.sensitive === null).map((i) => i.id);
    const sixGroups: Spec = { include: [...rare, F, G].map((id) => [id]) };
    const fiftyOne: Spec = { include: [targetable.slice(0, 51)] };
    for (const spec of [sixGroups, fiftyOne]) {
      const r = await estimate(client, spec);
      expect(r.estimate).toBeNull();
      expect(r.codes).toEqual(['BAD_USER_INPUT']);
      expect(r.response.status).toBeLessThan(500);
    }
  });
});
