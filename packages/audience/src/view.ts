import type { IndexSnapshot } from './bitmap-index.js';
import {
  type BreakdownDimension,
  breakdownSpec,
  countSpec,
  type ExactCell,
  interestBitmap,
  overlapSpec,
} from './evaluate.js';
import {
  breakdownPartitioned,
  countPartitioned,
  interestSizePartitioned,
  overlapsPartitioned,
  type PartitionedSnapshot,
} from './partitioned-index.js';
import type { CanonicalSpec, RecencyDays } from './spec.js';
import type { ThreadedIndex, ThreadedSnapshot } from './threaded-index.js';

/**
 * What the engine's privacy layer needs from a snapshot: exact counts only. Implemented over one
 * {@link IndexSnapshot}, a {@link PartitionedSnapshot} or a {@link ThreadedSnapshot} (sums of
 * per-partition counts), so the threshold, noise and rounding are applied once, to the total,
 * whatever the partitioning. Evaluations are asynchronous: partitions may run in other threads.
 */
export interface SnapshotView {
  readonly id: string;
  readonly builtAt: Date;
  /** Exact eligible users. */
  readonly users: number;
  /** Interests with any signal. */
  readonly interestCount: number;
  hasInterest(interestId: string): boolean;
  interestSize(interestId: string, recencyDays: RecencyDays): number;
  count(spec: CanonicalSpec): Promise<number>;
  breakdown(spec: CanonicalSpec, dimension: BreakdownDimension): Promise<ExactCell[]>;
  /** The exact audience size and its overlap with every interest, from one evaluation. */
  overlaps(spec: CanonicalSpec): Promise<{ count: number; overlaps: Map<string, number> }>;
}

const views = new WeakMap<object, SnapshotView>();

/** The view of a single index snapshot (cached per snapshot). */
export function singleView(s: IndexSnapshot): SnapshotView {
  let v = views.get(s);
  if (v === undefined) {
    v = {
      id: s.id,
      builtAt: s.builtAt,
      users: s.users,
      interestCount: s.interests.size,
      hasInterest: (id) => s.interests.has(id),
      interestSize: (id, w) => interestBitmap(s, id, w).size,
      count: async (spec) => countSpec(s, spec),
      breakdown: async (spec, dim) => breakdownSpec(s, spec, dim),
      overlaps: async (spec) => overlapSpec(s, spec),
    };
    views.set(s, v);
  }
  return v;
}

/** The view of a partitioned snapshot: every number is a sum of exact per-partition numbers. */
export function partitionedView(s: PartitionedSnapshot): SnapshotView {
  let v = views.get(s);
  if (v === undefined) {
    const interests = new Set<string>();
    for (const p of s.parts) for (const id of p.interests.keys()) interests.add(id);
    v = {
      id: s.id,
      builtAt: s.builtAt,
      users: s.users,
      interestCount: interests.size,
      hasInterest: (id) => interests.has(id),
      interestSize: (id, w) => interestSizePartitioned(s, id, w),
      count: async (spec) => countPartitioned(s, spec),
      breakdown: async (spec, dim) => breakdownPartitioned(s, spec, dim),
      overlaps: async (spec) => overlapsPartitioned(s, spec),
    };
    views.set(s, v);
  }
  return v;
}

/** The view of a threaded snapshot: partitions evaluate at once, in their own threads. */
export function threadedView(index: ThreadedIndex, s: ThreadedSnapshot): SnapshotView {
  let v = views.get(s);
  if (v === undefined) {
    v = {
      id: s.id,
      builtAt: s.builtAt,
      users: s.users,
      interestCount: s.sizes.size,
      hasInterest: (id) => s.sizes.has(id),
      interestSize: (id, w) => index.interestSize(s, id, w),
      count: (spec) => index.count(s, spec),
      breakdown: (spec, dim) => index.breakdown(s, spec, dim),
      overlaps: (spec) => index.overlaps(s, spec),
    };
    views.set(s, v);
  }
  return v;
}
