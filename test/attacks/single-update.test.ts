/**
 * Attack 6, single-update differencing: ask, let one person join, ask again; a change of one in
 * the answer says who joined and what they talk about. Defence: answers come from snapshots and
 * the noise seed includes the snapshot id, so each new snapshot draws fresh noise and there is no
 * clean difference.
 *
 * Trials: in each round a new user joins; a coin decides whether they chat about the target
 * interest A (b = 1) or about a filler interest (b = 0), so the data, and the snapshot, change
 * either way. The attacker guesses b = 1 when the answer for A went up. Advantage is
 * P(guess 1 | b = 1) − P(guess 1 | b = 0); one ε = 0.1 answer differs per round, so DP bounds it by
 * tanh(ε/2) ≈ 0.05 plus sampling error. If the seed ignored the snapshot, the answer would only
 * ever move when the count did, and b = 0 rounds would never move it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Estimate, estimateOk } from '../support/audience.js';
import { pickProbes } from '../support/interests.js';
import { crowd, eventsFor, ingestEvents, type PlantedUser } from '../support/population.js';
import { type Scenario, startScenario } from '../support/scenario.js';

const ROUNDS = 40;
const EPSILON = 0.1;

describe('attack 6: single-update differencing', () => {
  const { probes, byId } = pickProbes(2);
  const [A, F] = probes.map((p) => p.id) as [string, string];
  const users: PlantedUser[] = [
    ...crowd('a', 150, { country: 'US', birthYear: 1985, interests: [A] }),
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

  it(`finds no clean difference over ${ROUNDS} joins`, { timeout: 900_000 }, async () => {
    const client = scenario.clients.attacker!;
    const value = (e: Estimate | null) =>
      e && !e.belowThreshold && e.lowerBound !== null
        ? (e.lowerBound + (e.upperBound ?? e.lowerBound)) / 2
        : 0;
    // A fixed coin sequence with as many joins to A as to the filler, shuffled deterministically.
    const coins = Array.from({ length: ROUNDS }, (_, i) => i % 2 === 1);
    for (let i = coins.length - 1; i > 0; i--) {
      const j = (i * 7919 + 13) % (i + 1);
      [coins[i], coins[j]] = [coins[j]!, coins[i]!];
    }
    let previous = (await estimateOk(client, { include: [[A]] })).estimate!;
    const snapshotIds = new Set([previous.snapshotId]);
    let stableWithinSnapshot = true;
    const guessed1 = [0, 0];
    const moved = [0, 0];
    for (let round = 0; round < ROUNDS; round++) {
      const b = coins[round]! ? 1 : 0;
      const joiner: PlantedUser = {
        id: `joiner-${round}`,
        country: 'US',
        birthYear: 1985,
        interests: [b ? A : F],
      };
      await ingestEvents(scenario.server.url, scenario.env.ingestToken, eventsFor(joiner, byId));
      await scenario.freshSnapshot();
      const now = (await estimateOk(client, { include: [[A]] })).estimate!;
      const again = (await estimateOk(client, { include: [[A]] })).estimate!;
      if (again.snapshotId === now.snapshotId && JSON.stringify(again) !== JSON.stringify(now)) {
        stableWithinSnapshot = false;
      }
      expect(now.snapshotId).not.toBe(previous.snapshotId);
      snapshotIds.add(now.snapshotId);
      if (value(now) > value(previous)) guessed1[b]!++;
      if (value(now) !== value(previous)) moved[b]!++;
      previous = now;
    }
    const perArm = ROUNDS / 2;
    const tpr = guessed1[1]! / perArm;
    const fpr = guessed1[0]! / perArm;
    const advantage = tpr - fpr;
    const standardError = Math.sqrt((tpr * (1 - tpr) + fpr * (1 - fpr)) / perArm);
    const bound = Math.tanh(EPSILON / 2) + 3 * Math.max(standardError, 0.05);
    console.info(
      `single-update: ${ROUNDS} joins (${perArm} to A), ${snapshotIds.size} snapshots, TPR ${tpr.toFixed(3)}, ` +
        `FPR ${fpr.toFixed(3)}, advantage ${advantage.toFixed(3)} (bound ${bound.toFixed(3)}), ` +
        `answer moved in ${moved[0]}/${perArm} rounds where nobody joined A`,
    );
    expect(stableWithinSnapshot).toBe(true);
    expect(snapshotIds.size).toBe(ROUNDS + 1);
    expect(Math.abs(advantage)).toBeLessThanOrEqual(bound);
    // Fresh noise per snapshot: the answer moves even when the count did not.
    expect(moved[0]!).toBeGreaterThanOrEqual(perArm * 0.25);
  });
  it('publishes no exact population count that moves by one when one user joins', {
    timeout: 120_000,
  }, async () => {
    // /readyz and /metrics are unauthenticated and on the same port as the API: any exact count
    // there is a single-update differencing oracle on the whole population.
    const read = async () => {
      const ready = (await (await fetch(`${scenario.server.url}/readyz`)).json()) as {
        snapshot?: { users?: unknown };
      };
      const metrics = await (await fetch(`${scenario.server.url}/metrics`)).text();
      const gauge = metrics.match(/^parlance_snapshot_users(?:\{[^}]*\})? (\d+)/m)?.[1];
      return { readyz: ready.snapshot?.users, metrics: gauge === undefined ? undefined : Number(gauge) };
    };
    const before = await read();
    const joiner: PlantedUser = { id: 'one-more', country: 'US', birthYear: 1990, interests: [F] };
    await ingestEvents(scenario.server.url, scenario.env.ingestToken, eventsFor(joiner, byId));
    await scenario.freshSnapshot();
    const after = await read();
    console.info(
      `single-update: /readyz users ${before.readyz} → ${after.readyz}, /metrics ${before.metrics} → ${after.metrics}`,
    );
    const movedByOne = (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' && b - a === 1;
    expect(movedByOne(before.readyz, after.readyz), '/readyz snapshot.users is the exact population').toBe(
      false,
    );
    expect(movedByOne(before.metrics, after.metrics), '/metrics parlance_snapshot_users is exact').toBe(
      false,
    );
  });
});
