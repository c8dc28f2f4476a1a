import { BitmapIndex } from './bitmap-index.js';
import type { BudgetStore } from './budget.js';
import type { InterestCatalog } from './catalog.js';
import { AudienceError } from './errors.js';
import type { BreakdownDimension } from './evaluate.js';
import { type ForecastInput, type ForecastPoint, reachCurve } from './forecast.js';
import { type InsightItem, rankInsights } from './insights.js';
import type { AudienceLoader } from './loader.js';
import { PartitionedIndex } from './partitioned-index.js';
import {
  DEFAULT_PRIVACY,
  noiseSeed,
  type PrivacySettings,
  type ReleasedCount,
  releaseCount,
  utcDayStart,
  WITHHELD,
} from './privacy.js';
import {
  type AudienceSpecInput,
  type CanonicalSpec,
  canonicalizeSpec,
  type SpecLimits,
  specHash,
} from './spec.js';
import { ThreadedIndex } from './threaded-index.js';
import { partitionedView, type SnapshotView, singleView, threadedView } from './view.js';

/** Engine settings beyond privacy. */
export interface AudienceEngineOptions {
  loader: AudienceLoader;
  budgetStore: BudgetStore;
  /** `secret` is required; every other value defaults to {@link DEFAULT_PRIVACY}. */
  privacy: Partial<PrivacySettings> & { secret: string; minLaunchAudience?: number };
  limits?: Partial<SpecLimits>;
  /** Cadence of automatic refreshes after `start()`. Default 15 minutes; 0 disables the timer. */
  snapshotIntervalMs?: number;
  now?: () => Date;
  /** Interest and region catalog. Default: `@parlance/taxonomy`. */
  catalog?: InterestCatalog;
  /**
   * A prebuilt index (benchmarks, warm restarts); `start()` still applies `loader.scan()` on top.
   * The caller keeps ownership: `stop()` does not close it.
   */
  index?: BitmapIndex | PartitionedIndex | ThreadedIndex;
  /**
   * Runs the index as this many partitions by user-id hash (the scale-out shape; see
   * {@link PartitionedIndex}). Default 1: one {@link BitmapIndex}. Answers are identical in
   * distribution: the privacy layer always sees the summed exact count.
   */
  partitions?: number;
  /**
   * Runs the index as this many partitions evaluated in parallel, one per thread (the calling
   * thread and `threads − 1` workers; see {@link ThreadedIndex}). Default 1. Answers are identical
   * to a single index's; latency of big evaluations drops with the cores. Not with `partitions`.
   */
  threads?: number;
  /** Called with the error of a failed background refresh (it is also kept in `readiness`). */
  onRefreshError?: (error: unknown) => void;
}

/**
 * Longest wait before a failed start, or a threaded index whose worker died, is loaded again from
 * the loader (when the refresh timer is on); shorter when the snapshot interval is.
 */
export const RETRY_AFTER_FAILURE_MS = 5_000;

/** Default cadence of snapshots. */
export const DEFAULT_SNAPSHOT_INTERVAL_MS = 15 * 60_000;
/** Estimated audience a campaign needs to launch (PRIVACY.md). */
export const DEFAULT_MIN_LAUNCH_AUDIENCE = 1000;
/** Most related interests one insights call may ask for. */
export const MAX_INSIGHTS = 50;
/** Recency window of the published interest sizes. */
export const PUBLISHED_SIZE_RECENCY = 30;

/** Facts every org-facing answer carries. */
export interface AnswerMeta {
  snapshotId: string;
  specHash: string;
  spec: CanonicalSpec;
  /** ε charged by this call (0 for a repeated answer). */
  epsilonSpent: number;
  privacyBudgetRemaining: number;
}

export interface EstimateResult extends AnswerMeta {
  audience: ReleasedCount;
  /** True when the released size reaches the minimum launch audience. */
  launchable: boolean;
}

export interface BreakdownCell {
  key: string;
  value: number;
  lower: number;
  upper: number;
}

export interface BreakdownResult extends AnswerMeta {
  dimension: BreakdownDimension;
  /** Cells that passed the gate; withheld cells are only counted. */
  cells: BreakdownCell[];
  suppressedCells: number;
}

export interface ForecastResult extends AnswerMeta {
  audience: ReleasedCount;
  /** Empty when the audience is withheld. */
  points: ForecastPoint[];
}

export interface InsightsResult extends AnswerMeta {
  audience: ReleasedCount;
  items: InsightItem[];
}

export interface InterestSizeRange {
  interestId: string;
  snapshotId: string;
  recencyDays: number;
  size: ReleasedCount;
}

export interface SnapshotInfo {
  id: string;
  /** ISO timestamp. */
  builtAt: string;
  /** Exact eligible users: internal (health, admin); never show it to advertisers. */
  users: number;
  interests: number;
}

export interface EngineReadiness {
  ready: boolean;
  snapshot: SnapshotInfo | null;
  watermark: string | null;
  lastRefreshAt: string | null;
  lastRefreshMs: number | null;
  lastError: string | null;
}

/**
 * The audience engine: an in-memory bitmap index fed by a loader, immutable snapshots, exact
 * evaluation, and the privacy layer (threshold, seeded noise, ranges, budgets) on every answer.
 */
type EngineIndex = BitmapIndex | PartitionedIndex | ThreadedIndex;

export class AudienceEngine {
  private index: EngineIndex;
  /** True when the engine created the index (and so closes and rebuilds it). */
  private readonly ownsIndex: boolean;
  private readonly settings: PrivacySettings & { minLaunchAudience: number };
  private readonly limits: Partial<SpecLimits>;
  private readonly now: () => Date;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The first load failed: the index holds part of the data, the next refresh starts over. */
  private startFailed = false;
  private stopped = false;
  private inflight: Promise<void> | undefined;
  private lastRefreshAt: Date | undefined;
  private lastRefreshMs: number | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: AudienceEngineOptions) {
    if (typeof options.privacy.secret !== 'string' || options.privacy.secret.length < 16) {
      throw new AudienceError(
        'INVALID_ARGUMENT',
        'privacy.secret must be a string of at least 16 characters.',
      );
    }
    this.settings = {
      ...DEFAULT_PRIVACY,
      minLaunchAudience: DEFAULT_MIN_LAUNCH_AUDIENCE,
      ...options.privacy,
    };
    const { k, epsilon, dailyBudget, systemEpsilon } = this.settings;
    if (!(k >= 2 && epsilon > 0 && dailyBudget >= 0 && systemEpsilon > 0)) {
      throw new AudienceError(
        'INVALID_ARGUMENT',
        'privacy: need k ≥ 2, epsilon > 0, dailyBudget ≥ 0, systemEpsilon > 0.',
      );
    }
    this.limits = options.limits ?? {};
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS;
    const partitions = options.partitions ?? 1;
    const threads = options.threads ?? 1;
    if (!Number.isInteger(partitions) || partitions < 1 || !Number.isInteger(threads) || threads < 1) {
      throw new AudienceError('INVALID_ARGUMENT', 'partitions and threads must be whole numbers ≥ 1.');
    }
    if (partitions > 1 && threads > 1) {
      throw new AudienceError('INVALID_ARGUMENT', 'Give partitions or threads, not both.');
    }
    this.ownsIndex = options.index === undefined;
    this.index = options.index ?? this.createIndex();
  }

  private createIndex(): EngineIndex {
    const catalog = this.options.catalog === undefined ? {} : { catalog: this.options.catalog };
    const partitions = this.options.partitions ?? 1;
    const threads = this.options.threads ?? 1;
    if (threads > 1) return new ThreadedIndex({ ...catalog, threads, onFailure: () => this.scheduleRetry() });
    if (partitions > 1) return new PartitionedIndex({ ...catalog, partitions });
    return new BitmapIndex(catalog);
  }

  /**
   * Builds the first snapshot from `loader.scan()` and starts the refresh timer. If the load fails
   * (the database went away, a worker died) the promise rejects and, with the timer on, the engine
   * keeps trying from scratch every {@link RETRY_AFTER_FAILURE_MS} until it is ready.
   */
  async start(): Promise<void> {
    const t0 = performance.now();
    try {
      await this.load(this.index);
    } catch (e) {
      this.startFailed = true;
      this.lastError = e instanceof Error ? e.message : String(e);
      this.startTimer();
      this.scheduleRetry();
      throw e;
    }
    this.lastRefreshAt = this.now();
    this.lastRefreshMs = performance.now() - t0;
    this.startTimer();
  }

  private startTimer(): void {
    if (this.intervalMs > 0 && this.timer === undefined && !this.stopped) {
      this.timer = setInterval(() => this.backgroundRefresh(), this.intervalMs);
      this.timer.unref();
    }
  }

  private backgroundRefresh(): void {
    this.refresh().catch((e: unknown) => {
      this.lastError = e instanceof Error ? e.message : String(e);
      this.options.onRefreshError?.(e);
      this.scheduleRetry();
    });
  }

  /** A load from scratch soon, when one is needed and the timer is on. */
  private scheduleRetry(): void {
    if (this.intervalMs <= 0 || this.stopped || this.retryTimer !== undefined || !this.needsRebuild()) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.backgroundRefresh();
      },
      Math.min(this.intervalMs, RETRY_AFTER_FAILURE_MS),
    );
    this.retryTimer.unref();
  }

  /** The full state from `loader.scan()` into `index`, and its first snapshot. */
  private async load(index: EngineIndex): Promise<void> {
    for await (const chunk of this.options.loader.scan()) await index.applyChunk(chunk);
    await index.buildSnapshot(this.now());
  }

  /** Stops the refresh timer, waits for a refresh in flight, and closes the index it created. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.retryTimer = undefined;
    await this.inflight?.catch(() => undefined);
    if (this.ownsIndex && this.index instanceof ThreadedIndex) await this.index.close();
  }

  /**
   * Applies `loader.changesSince(watermark)` and publishes a new snapshot if anything changed
   * (also when the UTC day changed: windows and ages move). Concurrent calls share one refresh.
   */
  refresh(): Promise<void> {
    if (this.index.snapshot === undefined && !this.needsRebuild()) return Promise.reject(notReady());
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * The next refresh must load from scratch: the first load failed, or a worker of the threaded
   * index died (its users are gone from memory). Only for an index the engine created.
   */
  private needsRebuild(): boolean {
    if (!this.ownsIndex) return false;
    return this.startFailed || (this.index instanceof ThreadedIndex && this.index.failed !== undefined);
  }

  private async doRefresh(): Promise<void> {
    const t0 = performance.now();
    if (this.needsRebuild()) {
      // Start over from the loader (queries answer NOT_READY meanwhile), then swap the new index in.
      const broken = this.index;
      const fresh = this.createIndex();
      try {
        await this.load(fresh);
      } catch (e) {
        if (fresh instanceof ThreadedIndex) await fresh.close();
        throw e;
      }
      this.index = fresh;
      this.startFailed = false;
      if (broken instanceof ThreadedIndex) await broken.close();
    }
    for await (const chunk of this.options.loader.changesSince(this.index.watermark ?? ''))
      await this.index.applyChunk(chunk);
    const now = this.now();
    if (await this.index.hasChanges(now)) await this.index.buildSnapshot(now);
    this.lastRefreshAt = now;
    this.lastRefreshMs = performance.now() - t0;
    this.lastError = undefined;
  }

  /** The current snapshot, or null before `start()` finished. */
  get snapshot(): SnapshotInfo | null {
    const s = this.view();
    return s === undefined ? null : info(s);
  }

  private view(): SnapshotView | undefined {
    if (this.index instanceof ThreadedIndex) {
      const s = this.index.snapshot;
      return s === undefined ? undefined : threadedView(this.index, s);
    }
    if (this.index instanceof PartitionedIndex) {
      const s = this.index.snapshot;
      return s === undefined ? undefined : partitionedView(s);
    }
    const s = this.index.snapshot;
    return s === undefined ? undefined : singleView(s);
  }

  /** Readiness for health checks. */
  get readiness(): EngineReadiness {
    const failed = this.index instanceof ThreadedIndex ? this.index.failed : undefined;
    return {
      ready: this.index.snapshot !== undefined,
      snapshot: this.snapshot,
      watermark: this.index.watermark ?? null,
      lastRefreshAt: this.lastRefreshAt?.toISOString() ?? null,
      lastRefreshMs: this.lastRefreshMs ?? null,
      lastError: failed?.message ?? this.lastError ?? null,
    };
  }

  /** The live index of a single-partition engine (for benchmarks and tests). */
  get bitmapIndex(): BitmapIndex {
    if (!(this.index instanceof BitmapIndex)) throw new Error('partitioned engine: use partitionedIndex');
    return this.index;
  }

  /** The live index of a threaded engine, else undefined. */
  get threadedIndex(): ThreadedIndex | undefined {
    return this.index instanceof ThreadedIndex ? this.index : undefined;
  }

  /** The live index of a partitioned engine, else undefined. */
  get partitionedIndex(): PartitionedIndex | undefined {
    return this.index instanceof PartitionedIndex ? this.index : undefined;
  }

  private current(): SnapshotView {
    const s = this.view();
    if (s === undefined) throw notReady();
    return s;
  }

  /** Validates and canonicalises a spec with the engine's limits and catalog. */
  canonicalize(input: AudienceSpecInput): CanonicalSpec {
    const opts = {
      at: this.now(),
      ...(this.options.catalog === undefined ? {} : { catalog: this.options.catalog }),
    };
    return canonicalizeSpec(input, this.limits, opts);
  }

  private async charge(
    orgId: string,
    answers: readonly { key: string; epsilon: number }[],
  ): Promise<{ epsilonSpent: number; privacyBudgetRemaining: number }> {
    const window = utcDayStart(this.now());
    const limit = this.settings.dailyBudget;
    let spent = 0;
    for (const a of answers) {
      const r = await this.options.budgetStore.spend(orgId, window, a.key, a.epsilon, limit);
      if (r.exhausted) {
        throw new AudienceError(
          'PRIVACY_BUDGET_EXHAUSTED',
          'Your organisation has used its privacy budget for today; repeated questions stay free, new ones resume tomorrow (UTC).',
          { remaining: r.remaining, needed: a.epsilon, windowStart: window.toISOString() },
        );
      }
      if (r.charged) spent += a.epsilon;
    }
    return {
      epsilonSpent: spent,
      privacyBudgetRemaining: await this.options.budgetStore.remaining(orgId, window, limit),
    };
  }

  private released(
    kind: string,
    hash: string,
    snapshotId: string,
    exact: number,
    epsilon = this.settings.epsilon,
  ) {
    return releaseCount(exact, {
      k: this.settings.k,
      epsilon,
      seed: noiseSeed(this.settings.secret, [kind, hash, snapshotId]),
      confidence: this.settings.rangeConfidence,
    });
  }

  private estimateKey(hash: string, snapshotId: string): { key: string; epsilon: number } {
    return { key: `estimate:${hash}:${snapshotId}`, epsilon: this.settings.epsilon };
  }

  /** Audience size as a privacy-safe range. Costs ε once per distinct (spec, snapshot). */
  async estimate(orgId: string, input: AudienceSpecInput): Promise<EstimateResult> {
    const spec = this.canonicalize(input);
    const snap = this.current();
    const hash = specHash(spec);
    const audience = this.released('estimate', hash, snap.id, await snap.count(spec));
    const cost = await this.charge(orgId, [this.estimateKey(hash, snap.id)]);
    return {
      snapshotId: snap.id,
      specHash: hash,
      spec,
      ...cost,
      audience,
      launchable: !audience.belowThreshold && audience.value >= this.settings.minLaunchAudience,
    };
  }

  /**
   * Breakdown by country or age band. Cells are disjoint, so by parallel composition the whole
   * breakdown costs ε once per (spec, dimension, snapshot). Every cell passes the same gate as a
   * count; withheld cells are only counted.
   */
  async breakdown(
    orgId: string,
    input: AudienceSpecInput,
    dimension: BreakdownDimension,
  ): Promise<BreakdownResult> {
    if (dimension !== 'COUNTRY' && dimension !== 'AGE_BAND') {
      throw new AudienceError('INVALID_ARGUMENT', 'dimension must be COUNTRY or AGE_BAND.');
    }
    const spec = this.canonicalize(input);
    const snap = this.current();
    const hash = specHash(spec);
    const cells: BreakdownCell[] = [];
    let suppressedCells = 0;
    for (const cell of await snap.breakdown(spec, dimension)) {
      const r = this.released(`breakdown:${dimension}:${cell.key}`, hash, snap.id, cell.count);
      if (r.belowThreshold) suppressedCells++;
      else cells.push({ key: cell.key, value: r.value, lower: r.lower, upper: r.upper });
    }
    const cost = await this.charge(orgId, [
      { key: `breakdown:${dimension}:${hash}:${snap.id}`, epsilon: this.settings.epsilon },
    ]);
    return { snapshotId: snap.id, specHash: hash, spec, ...cost, dimension, cells, suppressedCells };
  }

  /**
   * Reach curve from the released (noisy) audience size: pure post-processing of the estimate,
   * so it spends exactly what the estimate spends (nothing if the estimate was already asked).
   */
  async forecast(orgId: string, input: AudienceSpecInput, campaign: ForecastInput): Promise<ForecastResult> {
    const spec = this.canonicalize(input);
    const snap = this.current();
    const hash = specHash(spec);
    const audience = this.released('estimate', hash, snap.id, await snap.count(spec));
    const points = audience.belowThreshold ? [] : reachCurve(audience.value, campaign);
    const cost = await this.charge(orgId, [this.estimateKey(hash, snap.id)]);
    return { snapshotId: snap.id, specHash: hash, spec, ...cost, audience, points };
  }

  /**
   * Related interests by affinity (see {@link rankInsights}). Costs the estimate's ε (the audience
   * size is a denominator) plus ε × (1 + first) for the selection and the released overlaps.
   */
  async insights(orgId: string, input: AudienceSpecInput, first: number): Promise<InsightsResult> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_INSIGHTS) {
      throw new AudienceError('INVALID_ARGUMENT', `first must be a whole number from 1 to ${MAX_INSIGHTS}.`);
    }
    const spec = this.canonicalize(input);
    const snap = this.current();
    const hash = specHash(spec);
    const evaluated = await snap.overlaps(spec);
    const audience = this.released('estimate', hash, snap.id, evaluated.count);
    const population = this.publishedPopulation(snap);
    let items: InsightItem[] = [];
    if (!audience.belowThreshold && population !== null) {
      items = rankInsights({
        overlaps: evaluated.overlaps,
        audience: audience.value,
        baseSizes: (id) => this.publishedSize(snap, id).value,
        population,
        specInterests: new Set([...spec.include.flat(), ...spec.exclude]),
        first,
        k: this.settings.k,
        epsilon: this.settings.epsilon,
        secret: this.settings.secret,
        specHash: hash,
        snapshotId: snap.id,
      });
    }
    const cost = await this.charge(orgId, [
      this.estimateKey(hash, snap.id),
      { key: `insights:${first}:${hash}:${snap.id}`, epsilon: this.settings.epsilon * (1 + first) },
    ]);
    return { snapshotId: snap.id, specHash: hash, spec, ...cost, audience, items };
  }

  private publishedSize(snap: SnapshotView, interestId: string): ReleasedCount {
    const exact = snap.interestSize(interestId, PUBLISHED_SIZE_RECENCY);
    return this.released(`interest-size:${interestId}`, '', snap.id, exact, this.settings.systemEpsilon);
  }

  private publishedPopulation(snap: SnapshotView): number | null {
    return this.released('population', '', snap.id, snap.users, this.settings.systemEpsilon).value;
  }

  /**
   * The published size range of one interest (30-day window) for the typeahead: one noisy,
   * thresholded release per interest per snapshot at the system-level ε (`systemEpsilon`), seeded
   * so it never changes within a snapshot. It spends no organisation budget.
   */
  interestSizeRange(interestId: string): InterestSizeRange {
    const snap = this.current();
    return {
      interestId,
      snapshotId: snap.id,
      recencyDays: PUBLISHED_SIZE_RECENCY,
      size: snap.hasInterest(interestId) ? this.publishedSize(snap, interestId) : WITHHELD,
    };
  }
}

function notReady(): AudienceError {
  return new AudienceError('NOT_READY', 'The audience index is still loading; try again in a moment.');
}

function info(s: SnapshotView): SnapshotInfo {
  return { id: s.id, builtAt: s.builtAt.toISOString(), users: s.users, interests: s.interestCount };
}
