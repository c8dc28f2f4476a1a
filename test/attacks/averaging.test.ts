/**
 * Attack 5, averaging: ask the same question 1,000 times, or reworded, and average the noise
 * away. Defence: canonical form + noise seeded from (secret, canonical spec, snapshot) gives
 * byte-identical answers, and the budget is charged once per distinct answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTIMATE } from '../support/audience.js';
import { pickProbes } from '../support/interests.js';
import { crowd, type PlantedUser, type Spec } from '../support/population.js';
import { type Scenario, startScenario } from '../support/scenario.js';

const REPEATS = 1000;

describe('attack 5: averaging over repeats and rewordings', () => {
  const { probes, byId } = pickProbes(4);
  const [A, B, C, F] = probes.map((p) => p.id) as [string, string, string, string];
  const users: PlantedUser[] = [
    ...crowd('a', 160, { country: 'US', birthYear: 1985, interests: [A] }),
    ...crowd('b', 140, { country: 'CA', birthYear: 1990, interests: [B] }),
    ...crowd('ab', 60, { country: 'MX', birthYear: 1975, interests: [A, B, C] }),
    ...crowd('f', 120, { country: 'US', birthYear: 1985, interests: [F] }),
  ];
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await startScenario({ tenants: ['attacker'], probeInterest: F });
    await scenario.plant(users, byId);
  });
  afterAll(async () => {
    await scenario?.dispose();
  });

  /** The raw response body: byte-identical means the attacker gets no fresh noise at all. */
  async function rawEstimate(spec: Spec): Promise<string> {
    const response = await fetch(`${scenario.server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${scenario.tenants.attacker!.apiKey}`,
      },
      body: JSON.stringify({ query: ESTIMATE, variables: { spec } }),
    });
    expect(response.status).toBe(200);
    return await response.text();
  }

  it(`answers ${REPEATS} repeats and every rewording byte-identically, charging ε once`, {
    timeout: 600_000,
  }, async () => {
    const spec: Spec = {
      include: [
        [A, B],
        [A, C, B],
      ],
      exclude: [F],
      countries: ['US', 'CA', 'MX'],
      recencyDays: 30,
    };
    const rewordings: Spec[] = [
      {
        include: [
          [B, A],
          [C, B, A],
        ],
        exclude: [F],
        countries: ['MX', 'US', 'CA'],
        recencyDays: 30,
      },
      {
        include: [
          [A, C, B],
          [A, B],
        ],
        exclude: [F, F],
        countries: ['us', 'ca', 'mx'],
        recencyDays: 30,
      },
      {
        include: [
          [A, A, B],
          [B, A, C, C],
        ],
        exclude: [F],
        countries: ['US', 'US', 'Ca', 'mX'],
        recencyDays: 30,
      },
      {
        include: [
          [B, A],
          [A, B],
          [C, A, B],
        ],
        exclude: [F],
        countries: ['CA', 'MX', 'US'],
        recencyDays: 30,
      },
    ];
    const first = await rawEstimate(spec);
    const parsed = JSON.parse(first) as {
      data?: {
        audienceEstimate?: { belowThreshold: boolean; privacyBudgetRemaining: number; snapshotId: string };
      };
      errors?: unknown;
    };
    expect(parsed.errors, first).toBeUndefined();
    const answer = parsed.data!.audienceEstimate!;
    expect(answer.belowThreshold).toBe(false);
    const distinct = new Set<string>([first]);
    for (let i = 1; i < REPEATS; i++) distinct.add(await rawEstimate(spec));
    for (const reworded of rewordings) {
      for (let i = 0; i < 20; i++) distinct.add(await rawEstimate(reworded));
    }
    // Any second body would be a fresh draw (or a different budget): there is exactly one.
    expect([...distinct]).toEqual([first]);

    // The budget was charged once for all of the above: a new, different question charges again,
    // by the same ε, from where the first one left it.
    const other = JSON.parse(await rawEstimate({ include: [[A]] })) as typeof parsed;
    const after = other.data!.audienceEstimate!;
    expect(after.snapshotId).toBe(answer.snapshotId);
    const epsilon = 25 - answer.privacyBudgetRemaining;
    expect(epsilon).toBeGreaterThan(0);
    expect(epsilon).toBeLessThanOrEqual(0.5);
    expect(after.privacyBudgetRemaining).toBeCloseTo(answer.privacyBudgetRemaining - epsilon, 9);
    console.info(
      `averaging: ${REPEATS} repeats + ${rewordings.length * 20} rewordings → 1 distinct body; ` +
        `ε charged ${epsilon} once (budget ${answer.privacyBudgetRemaining} left)`,
    );
  });
});
