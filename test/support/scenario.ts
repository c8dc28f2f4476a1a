/**
 * One attack scenario: an isolated install, advertisers with API keys, a started server, and
 * an "observer" organisation whose only job is to notice new snapshots (budgets are per
 * organisation, so its probes never spend the attacker's budget).
 */
import { awaitFreshSnapshot, ESTIMATE, type Estimate } from './audience.js';
import { type GraphQLClient, graphqlClient } from './graphql.js';
import { type InterestProbe, type PlantedUser, plantUsers, type Spec } from './population.js';
import { createTestEnvironment, type RunningServer, type TestEnvironment } from './server.js';
import { createTenant, type Tenant } from './tenants.js';

export interface Scenario {
  env: TestEnvironment;
  server: RunningServer;
  tenants: Record<string, Tenant>;
  clients: Record<string, GraphQLClient>;
  /** Plants users through the ingestion endpoint and waits until a snapshot includes them. */
  plant(users: readonly PlantedUser[], probes: ReadonlyMap<string, InterestProbe>): Promise<string>;
  /** The id of the snapshot the engine serves now (the observer asks). */
  snapshotId(): Promise<string>;
  /** Waits for a snapshot built after this call. */
  freshSnapshot(): Promise<string>;
  dispose(): Promise<void>;
}

export const OBSERVER = 'observer';

export async function startScenario(options: {
  tenants: readonly string[];
  env?: Record<string, string>;
  /** Any interest id: the observer's probe spec. */
  probeInterest: string;
}): Promise<Scenario> {
  const env = await createTestEnvironment({ PARLANCE_RATE_LIMIT_PER_MINUTE: '1000000', ...options.env });
  try {
    const tenants: Record<string, Tenant> = {};
    for (const slug of [...options.tenants, OBSERVER]) tenants[slug] = createTenant(env, slug);
    const server = await env.start();
    const clients = Object.fromEntries(
      Object.entries(tenants).map(([slug, t]) => [slug, graphqlClient(server.url, { apiKey: t.apiKey })]),
    );
    const observer = clients[OBSERVER]!;
    const probeSpec: Spec = { include: [[options.probeInterest]] };
    const snapshotId = async () => {
      // /readyz names the snapshot being served, for free; the observer's estimate is the fallback.
      const ready = (await fetch(`${server.url}/readyz`)
        .then((r) => r.json())
        .catch(() => null)) as { snapshot?: { id?: string } | null } | null;
      if (ready?.snapshot?.id) return ready.snapshot.id;
      const r = await observer.request<{ audienceEstimate: Estimate }>(ESTIMATE, { spec: probeSpec });
      const id = r.data?.audienceEstimate?.snapshotId;
      if (!id) throw new Error(`observer estimate failed: ${r.status} ${JSON.stringify(r.errors)}`);
      return id;
    };
    const freshSnapshot = () => awaitFreshSnapshot(snapshotId);
    return {
      env,
      server,
      tenants,
      clients,
      snapshotId,
      freshSnapshot,
      async plant(users, probes) {
        await plantUsers(server.url, env.ingestToken, users, probes);
        return await freshSnapshot();
      },
      dispose: () => env.dispose(),
    };
  } catch (error) {
    await env.dispose();
    throw error;
  }
}
