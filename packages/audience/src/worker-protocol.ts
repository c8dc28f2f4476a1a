import type { IndexMemory } from './bitmap-index.js';
import type { CountryStatus } from './catalog.js';
import type { BreakdownDimension, ExactCell } from './evaluate.js';
import type { AudienceChunk } from './loader.js';
import type { CanonicalSpec } from './spec.js';

/**
 * Messages between a {@link ThreadedIndex} and its partition workers (`partition-worker.ts`).
 * Every request carries an id; the worker answers each with exactly one {@link WorkerReply}.
 */
export type WorkerRequest =
  | { id: number; op: 'apply'; chunk: AudienceChunk }
  | { id: number; op: 'hasChanges'; now: number }
  | { id: number; op: 'build'; now: number; policy: Record<string, CountryStatus> }
  | { id: number; op: 'release'; snapshotId: string }
  | { id: number; op: 'count'; snapshotId: string; spec: CanonicalSpec }
  | { id: number; op: 'breakdown'; snapshotId: string; spec: CanonicalSpec; dimension: BreakdownDimension }
  | { id: number; op: 'overlaps'; snapshotId: string; spec: CanonicalSpec }
  | { id: number; op: 'memory' }
  | { id: number; op: 'dispose' }
  | {
      id: number;
      op: 'fill';
      module: string;
      name: string;
      args: unknown;
      partition: number;
      partitions: number;
    };

/** What a partition reports about a snapshot it built: enough to answer metadata in the caller. */
export interface PartitionSnapshotInfo {
  id: string;
  day: number;
  users: number;
  /** Per interest with any signal: exact sizes in the 7/30/90-day windows. */
  sizes: [interestId: string, s7: number, s30: number, s90: number][];
}

export type WorkerResult =
  | { op: 'apply' }
  | { op: 'hasChanges'; value: boolean }
  | { op: 'build'; info: PartitionSnapshotInfo }
  | { op: 'release' }
  | { op: 'count'; value: number }
  | { op: 'breakdown'; cells: ExactCell[] }
  | { op: 'overlaps'; count: number; overlaps: Map<string, number> }
  | { op: 'memory'; memory: IndexMemory }
  | { op: 'dispose' }
  | { op: 'fill'; value: unknown };

export type WorkerReply =
  | { id: number; ok: true; result: WorkerResult }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** Data a worker starts with. */
export interface WorkerInit {
  expectedUsers?: number;
}

/**
 * A function a partition runs on its own index in its own thread ({@link ThreadedIndex.fill}):
 * bulk loads (benchmarks, warm restarts) that would be too slow to send as chunks.
 */
export type PartitionFill<A = unknown, R = unknown> = (
  target: import('./bitmap-index.js').BitmapIndex,
  context: { partition: number; partitions: number; args: A },
) => R | Promise<R>;
