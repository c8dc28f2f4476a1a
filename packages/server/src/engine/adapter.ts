import {
  type AudienceLoader,
  AudienceEngine,
  type AudienceSpecInput,
  type BudgetStore,
  specHash,
  utcDayStart,
} from '@parlance/audience';
import type { DbHandle } from '@parlance/db';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { LedgerBudgetStore } from './budget-store.js';
import { PgAudienceLoader } from './loader.js';
import type { AudiencePort, AudienceSpecArgs, ForecastOutcome } from './port.js';

/** Impressions per person per day when the caller gives no cap. */
export const DEFAULT_FREQUENCY_CAP = 3;

export interface AudiencePortOptions {
  config: Config;
  noiseSecret: string;
  logger?: Logger | undefined;
  /** Postgres-backed loader and budget store are the default. */
  db?: DbHandle | undefined;
  loader?: AudienceLoader | undefined;
  budgetStore?: BudgetStore | undefined;
  now?: (() => Date) | undefined;
}

function toInput(spec: AudienceSpecArgs): AudienceSpecInput {
  return {
    include: spec.include,
    ...(spec.exclude ? { exclude: spec.exclude } : {}),
    ...(spec.countries ? { countries: spec.countries } : {}),
    ...(spec.ageMin != null ? { ageMin: spec.ageMin } : {}),
    ...(spec.ageMax != null ? { ageMax: spec.ageMax } : {}),
    ...(spec.recencyDays != null ? { recencyDays: spec.recencyDays } : {}),
  };
}

/**
 * Creates the audience engine (Postgres loader + ledger by default), starts building its first
 * snapshot, and adapts it to the server's port. `whenReady()` settles when the build does.
 */
export function createAudiencePort(options: AudiencePortOptions): AudiencePort {
  const { config } = options;
  const loader = options.loader ?? (options.db ? new PgAudienceLoader(options.db) : undefined);
  const budgetStore =
    options.budgetStore ??
    (options.db
      ? new LedgerBudgetStore(options.db, {
          reserveEpsilon: 10 * config.privacy.epsilon,
          onError: (error) => options.logger?.error({ err: error }, 'privacy budget ledger write failed'),
        })
      : undefined);
  if (!loader || !budgetStore)
    throw new Error('createAudiencePort needs a db, or a loader and a budget store');
  const now = options.now ?? (() => new Date());
  const engine = new AudienceEngine({
    loader,
    budgetStore,
    privacy: {
      k: config.privacy.k,
      epsilon: config.privacy.epsilon,
      dailyBudget: config.privacy.dailyBudget,
      minLaunchAudience: config.privacy.minLaunchAudience,
      secret: options.noiseSecret,
    },
    limits: { maxGroups: config.privacy.maxGroups, maxInterests: config.privacy.maxInterests },
    snapshotIntervalMs: config.snapshotIntervalMs,
    threads: config.audienceThreads,
    now,
    onRefreshError: (error) => options.logger?.error({ err: error }, 'audience snapshot refresh failed'),
  });
  const started = engine.start();
  started.catch(() => undefined); // observed through whenReady(); avoid an unhandled rejection here
  return adaptEngine(engine, started, { budgetStore, dailyBudget: config.privacy.dailyBudget, now });
}

/** A budget store with write-behind (LedgerBudgetStore): flushed on stop, watched by readiness. */
function writeBehindOf(store: BudgetStore): { close(): Promise<void>; readonly failing: boolean } | null {
  return store instanceof LedgerBudgetStore ? store : null;
}

/** Adapts a (started) AudienceEngine; used directly by the benchmark. */
export function adaptEngine(
  engine: AudienceEngine,
  started: Promise<void>,
  budget: { budgetStore: BudgetStore; dailyBudget: number; now: () => Date },
): AudiencePort {
  const writeBehind = writeBehindOf(budget.budgetStore);
  return {
    isReady: () => engine.snapshot !== null,
    writesFailing: () => writeBehind?.failing ?? false,
    whenReady: () => started,
    snapshot() {
      const s = engine.snapshot;
      return s ? { id: s.id, builtAt: new Date(s.builtAt) } : null;
    },
    specHash: (spec) => specHash(engine.canonicalize(toInput(spec))),
    async estimate(orgId, spec) {
      const r = await engine.estimate(orgId, toInput(spec));
      return {
        belowThreshold: r.audience.belowThreshold,
        lowerBound: r.audience.lower,
        upperBound: r.audience.upper,
        snapshotId: r.snapshotId,
        specHash: r.specHash,
        epsilonSpent: r.epsilonSpent,
        budgetRemaining: r.privacyBudgetRemaining,
      };
    },
    async breakdown(orgId, spec, by) {
      const r = await engine.breakdown(orgId, toInput(spec), by);
      return {
        cells: r.cells.map((c) => ({ key: c.key, lowerBound: c.lower, upperBound: c.upper })),
        suppressedCells: r.suppressedCells,
        specHash: r.specHash,
        epsilonSpent: r.epsilonSpent,
        budgetRemaining: r.privacyBudgetRemaining,
      };
    },
    async forecast(orgId, spec, params): Promise<ForecastOutcome> {
      const r = await engine.forecast(orgId, toInput(spec), {
        budget: params.budget,
        cpm: params.cpm,
        days: params.days,
        frequencyCap: params.frequencyCap ?? DEFAULT_FREQUENCY_CAP,
      });
      const a = r.audience;
      // Reach scales with the audience; its range follows the audience's range.
      const scale = (reach: number, bound: number | null) =>
        a.value && bound !== null ? Math.round((reach * bound) / a.value) : reach;
      const last = r.points.at(-1);
      return {
        belowThreshold: a.belowThreshold,
        snapshotId: r.snapshotId,
        specHash: r.specHash,
        epsilonSpent: r.epsilonSpent,
        budgetRemaining: r.privacyBudgetRemaining,
        impressions: last?.impressions ?? 0,
        reach: last?.reach ?? null,
        reachLowerBound: last ? scale(last.reach, a.lower) : null,
        reachUpperBound: last ? scale(last.reach, a.upper) : null,
        averageFrequency: last?.averageFrequency ?? null,
        curve: r.points.map((p) => ({
          budget: p.spend,
          impressions: p.impressions,
          reach: p.reach,
          averageFrequency: p.averageFrequency,
          reachLowerBound: scale(p.reach, a.lower),
          reachUpperBound: scale(p.reach, a.upper),
        })),
      };
    },
    async insights(orgId, spec, first) {
      const r = await engine.insights(orgId, toInput(spec), first);
      return {
        snapshotId: r.snapshotId,
        specHash: r.specHash,
        epsilonSpent: r.epsilonSpent,
        budgetRemaining: r.privacyBudgetRemaining,
        affinities: r.items.map((i) => ({
          interestId: i.interestId,
          affinityIndex: i.affinity,
          overlapLowerBound: i.overlap.lower,
          overlapUpperBound: i.overlap.upper,
        })),
      };
    },
    interestSizeRange(interestId) {
      const size = engine.interestSizeRange(interestId).size;
      return size.belowThreshold || size.lower === null || size.upper === null
        ? null
        : { lowerBound: size.lower, upperBound: size.upper };
    },
    budgetRemaining: (orgId) =>
      budget.budgetStore.remaining(orgId, utcDayStart(budget.now()), budget.dailyBudget),
    async stop() {
      await started.catch(() => undefined);
      await engine.stop();
      await writeBehind?.close();
    },
  };
}
