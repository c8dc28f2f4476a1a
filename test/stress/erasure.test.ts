/**
 * Erasure under load: erase a user while estimates are being served; from the next snapshot the
 * user is in no count. Proof: a population where the user decides the threshold — k − 1 others
 * plus the victim hold interest A. Before erasure some spec over A is shown (exact count = k);
 * after erasure every spec over A has k − 1 people and must be withheld, always.
 *
 * With DATABASE_URL the erasure runs (`parlance erase`) while the server serves a load loop.
 * Embedded PGlite is single-process, so there the server is stopped for the erasure and started
 * again (the same proof, without concurrent load).
 */
import { listCountries } from '@parlance/taxonomy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTIMATE, type Estimate } from '../support/audience.js';
import { graphqlClient } from '../support/graphql.js';
import { pickProbes } from '../support/interests.js';
import { crowd, plantUsers, type PlantedUser, sleep, type Spec } from '../support/population.js';
import { createTestEnvironment, type RunningServer, type TestEnvironment } from '../support/server.js';
import { createTenant, type Tenant } from '../support/tenants.js';

const K = 100;
const withPostgres = Boolean(process.env.DATABASE_URL);

describe('stress: erasure under load', () => {
  const { probes, byId } = pickProbes(2);
  const [A, F] = probes.map((p) => p.id) as [string, string];
  const users: PlantedUser[] = [
    ...crowd('a', K - 1, { country: 'US', birthYear: 1985, interests: [A] }),
    { id: 'victim-to-erase', country: 'US', birthYear: 1985, interests: [A] },
    ...crowd('f', 150, { country: 'US', birthYear: 1985, interests: [F] }),
  ];
  let env: TestEnvironment;
  let server: RunningServer;
  let tenant: Tenant;
  let specs: Spec[];

  beforeAll(async () => {
    env = await createTestEnvironment({
      PARLANCE_DAILY_BUDGET: '100000',
      PARLANCE_RATE_LIMIT_PER_MINUTE: '100000000',
    });
    tenant = createTenant(env, 'eraser');
    server = await env.start();
    await plantUsers(server.url, env.ingestToken, users, byId);
    const extra = listCountries()
      .filter((c) => !c.excluded && c.code !== 'US')
      .map((c) => c.code);
    specs = extra.slice(0, 60).map((c) => ({ include: [[A]], countries: ['US', c] }));
  });
  afterAll(async () => {
    await env?.dispose();
  });

  const answer = async (url: string, spec: Spec) => {
    const r = await graphqlClient(url, { apiKey: tenant.apiKey }).request<{ audienceEstimate: Estimate }>(
      ESTIMATE,
      { spec },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.audienceEstimate;
  };

  it('removes the user from every count from the next snapshot on', { timeout: 600_000 }, async () => {
    // Until the planted data is in, and then: with the victim, exact = k, so some specs are shown.
    let shownBefore: Spec | undefined;
    const deadline = Date.now() + 60_000;
    while (!shownBefore && Date.now() < deadline) {
      for (const spec of specs) {
        if (!(await answer(server.url, spec)).belowThreshold) {
          shownBefore = spec;
          break;
        }
      }
      if (!shownBefore) await sleep(1_000);
    }
    expect(shownBefore, 'with the victim (exact = k) some spec over A is shown').toBeDefined();
    const snapshotBefore = (await answer(server.url, shownBefore!)).snapshotId;

    let url = server.url;
    let served = 0;
    const failures: string[] = [];
    let running = true;
    const load = (async () => {
      for (let i = 0; running && i < 1_000_000; i++) {
        try {
          await answer(url, specs[i % specs.length]!);
          served++;
        } catch (error) {
          if (withPostgres) failures.push(String(error));
          await sleep(100);
        }
      }
    })();
    await sleep(2_000);
    if (withPostgres) {
      env.cli(['erase', 'victim-to-erase']);
    } else {
      await server.stop();
      env.cli(['erase', 'victim-to-erase']);
      server = await env.start();
      url = server.url;
    }
    // The next snapshot: its id differs from the one before the erasure.
    const waitDeadline = Date.now() + 60_000;
    let snapshotAfter = snapshotBefore;
    while (snapshotAfter === snapshotBefore && Date.now() < waitDeadline) {
      await sleep(500);
      snapshotAfter = (await answer(url, shownBefore!)).snapshotId;
    }
    running = false;
    await load;
    expect(snapshotAfter).not.toBe(snapshotBefore);
    // k − 1 people left: every spec over A is withheld, including the one shown before.
    for (const spec of specs) {
      const e = await answer(url, spec);
      expect(e.belowThreshold, JSON.stringify(spec)).toBe(true);
      expect(e.lowerBound).toBeNull();
    }
    console.info(
      `erasure: ${served} estimates served during the erasure (${withPostgres ? 'Postgres, concurrent' : 'PGlite, stop-erase-start'}), ` +
        `${failures.length} failures; snapshot ${snapshotBefore} → ${snapshotAfter}; ${specs.length} specs over A all withheld after`,
    );
    expect(failures).toEqual([]);
  });
});
