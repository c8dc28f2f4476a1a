import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server instance (its own registry, so tests can run several). */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'operation' | 'kind'>;
  errors: Counter<'code'>;
  epsilonSpent: Counter<'action'>;
  snapshotAge: Gauge;
  ingestLines: Counter<'outcome'>;
}

/**
 * `/metrics` is unauthenticated: it carries the snapshot's age but no population count (an exact
 * count that moves by one when one person joins would undo the noise on every answer).
 */
export function createMetrics(snapshotInfo: () => { builtAt: Date } | null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parlance_' });
  const snapshotAge = new Gauge({
    name: 'parlance_snapshot_age_seconds',
    help: 'Seconds since the audience snapshot in use was built (-1 before the first build).',
    registers: [registry],
    collect() {
      const s = snapshotInfo();
      this.set(s ? (Date.now() - s.builtAt.getTime()) / 1000 : -1);
    },
  });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'parlance_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation name.',
      labelNames: ['operation', 'kind'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'parlance_graphql_errors_total',
      help: 'GraphQL errors by public code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    epsilonSpent: new Counter({
      name: 'parlance_privacy_epsilon_spent_total',
      help: 'Privacy budget (ε) spent, by action.',
      labelNames: ['action'],
      registers: [registry],
    }),
    snapshotAge,
    ingestLines: new Counter({
      name: 'parlance_ingest_lines_total',
      help: 'Lines received on the internal ingestion endpoint, by outcome.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
