import type { DbHandle } from '@parlance/db';
import { Router } from 'express';
import type { AudiencePort } from '../../engine/port.js';
import type { Metrics } from '../../http/metrics.js';
import type { AuditWriter } from '../audit/audit.service.js';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  engine: 'ok' | 'building';
  /** Background writes (audit log, budget ledger): failing makes the service unready. */
  writes: 'ok' | 'failing';
  /**
   * The snapshot in use: id and age only. No user count: this endpoint is unauthenticated, and an
   * exact population that moves by one when one person joins is a single-update differencing oracle.
   */
  snapshot: { id: string; builtAt: string; ageSeconds: number } | null;
}

const PING_TIMEOUT_MS = 2_000;

async function databaseReachable(db: DbHandle): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      db.ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The truth about readiness: the database answers now AND the engine has a snapshot. */
export async function readiness(
  db: DbHandle,
  engine: AudiencePort,
  audit?: Pick<AuditWriter, 'failing'>,
): Promise<Readiness> {
  const dbOk = await databaseReachable(db);
  const snapshot = engine.snapshot();
  const built = engine.isReady() && snapshot !== null;
  const writesOk = !engine.writesFailing() && !audit?.failing;
  return {
    ready: dbOk && built && writesOk,
    database: dbOk ? 'ok' : 'unreachable',
    engine: built ? 'ok' : 'building',
    writes: writesOk ? 'ok' : 'failing',
    snapshot: snapshot
      ? {
          id: snapshot.id,
          builtAt: snapshot.builtAt.toISOString(),
          ageSeconds: Math.round((Date.now() - snapshot.builtAt.getTime()) / 1000),
        }
      : null,
  };
}

/** `/healthz` (the process is up), `/readyz` (it can serve), `/metrics` (Prometheus). */
export function opsRouter(deps: {
  db: DbHandle;
  engine: AudiencePort;
  metrics: Metrics;
  audit?: Pick<AuditWriter, 'failing'>;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const state = await readiness(deps.db, deps.engine, deps.audit);
    res.status(state.ready ? 200 : 503).json(state);
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
