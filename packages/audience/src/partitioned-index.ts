import { createHash } from 'node:crypto';
import { BitmapIndex, type BitmapIndexOptions, type IndexSnapshot } from './bitmap-index.js';
import {
  type BreakdownDimension,
  breakdownSpec,
  countSpec,
  type ExactCell,
  interestBitmap,
  overlapSpec,
} from './evaluate.js';
import type { AudienceChunk, AudienceProfile, AudienceSignal } from './loader.js';
import type { CanonicalSpec, RecencyDays } from './spec.js';

/**
 * The partition of a pseudonymous user id among `partitions`: FNV-1a over the UTF-16 code units,
 * then murmur3's finaliser (so ids that differ only in their last characters still spread).
 * Stable across processes and versions: a user always lands in the same partition.
 */
export function partitionOfUser(userId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % partitions;
}

/**
 * Splits a loader chunk by user into one chunk per partition (the watermark goes to every part).
 * Each part keeps the chunk's order of profiles, signals and erasures.
 */
export function splitChunk(chunk: AudienceChunk, partitions: number): AudienceChunk[] {
  if (partitions === 1) return [chunk];
  const parts = Array.from({ length: partitions }, () => ({
    profiles: [] as AudienceProfile[],
    signals: [] as AudienceSignal[],
    erased: [] as string[],
    ...(chunk.watermark === undefined ? {} : { watermark: chunk.watermark }),
  }));
  for (const x of chunk.profiles ?? []) parts[partitionOfUser(x.userId, partitions)]!.profiles.push(x);
  for (const x of chunk.signals ?? []) parts[partitionOfUser(x.userId, partitions)]!.signals.push(x);
  for (const u of chunk.erased ?? []) parts[partitionOfUser(u, partitions)]!.erased.push(u);
  return parts;
}

/** The id of a snapshot over partitions: changes exactly when one partition's snapshot id does. */
export function combinedSnapshotId(partIds: readonly string[]): string {
  const h = createHash('sha256').update(`partitioned:${partIds.length}`);
  for (const id of partIds) h.update(`:${id}`);
  return `psnap_${h.digest('hex').slice(0, 24)}`;
}

/** One consistent view over the snapshots of every partition, built at the same moment. */
export interface PartitionedSnapshot {
  /** Derived from the partitions' snapshot ids: changes exactly when one of them changes. */
  readonly id: string;
  readonly builtAt: Date;
  readonly day: number;
  /** Eligible users over all partitions. */
  readonly users: number;
  readonly parts: readonly IndexSnapshot[];
}

export interface PartitionedIndexOptions extends BitmapIndexOptions {
  /** Number of partitions (≥ 1). */
  partitions: number;
}

/**
 * The scale-out shape of the index (ARCHITECTURE.md): users split by a hash of their id into P
 * independent {@link BitmapIndex} partitions. Every user lives in exactly one partition, so the
 * final set of any spec is the disjoint union of the per-partition final sets, and every exact
 * count, breakdown cell and overlap is the sum of the per-partition exact counts.
 *
 * Only exact counts live here. The privacy layer (threshold k, noise, rounding) must be applied
 * once, to the summed count, never per partition: a per-partition gate would withhold cells that
 * pass k in total and add P noise draws to one answer.
 *
 * Here the partitions run in turn, in one thread (the reference the threaded index is tested
 * against); {@link ThreadedIndex} runs the same split with one partition per thread. Across
 * machines each partition is loaded with the users of its co-located Citus shards (the loader then
 * decides the split, not {@link partitionOfUser}; any split works as long as each user is in one
 * partition).
 */
export class PartitionedIndex {
  readonly partitions: readonly BitmapIndex[];
  private current: PartitionedSnapshot | undefined;
  /** The loader watermark after the last applied stream (shared by every partition). */
  watermark: string | undefined;

  constructor(options: PartitionedIndexOptions) {
    const p = options.partitions;
    if (!Number.isInteger(p) || p < 1) throw new RangeError('partitions must be a whole number ≥ 1');
    const { partitions: _, expectedUsers, ...rest } = options;
    const per = expectedUsers === undefined ? {} : { expectedUsers: Math.ceil(expectedUsers / p) };
    this.partitions = Array.from({ length: p }, () => new BitmapIndex({ ...rest, ...per }));
  }

  /** The partition a user belongs to. */
  partitionOf(userId: string): number {
    return partitionOfUser(userId, this.partitions.length);
  }

  /** The latest built snapshot, if any. */
  get snapshot(): PartitionedSnapshot | undefined {
    return this.current;
  }

  /** Pseudonymous users known to the index (eligible or not). */
  get knownUsers(): number {
    let n = 0;
    for (const p of this.partitions) n += p.knownUsers;
    return n;
  }

  /** Splits a loader chunk by user and applies each part to its partition. */
  applyChunk(chunk: AudienceChunk): void {
    const parts = splitChunk(chunk, this.partitions.length);
    this.partitions.forEach((index, i) => {
      index.applyChunk(parts[i]!);
    });
    if (chunk.watermark !== undefined) this.watermark = chunk.watermark;
  }

  /** True when {@link buildSnapshot} at `now` would produce a different snapshot. */
  hasChanges(now: Date): boolean {
    return this.current === undefined || this.partitions.some((p) => p.hasChanges(now));
  }

  /** Builds every partition's next snapshot at the same `now` (unchanged ones are reused). */
  buildSnapshot(now: Date): PartitionedSnapshot {
    const prev = this.current;
    if (prev !== undefined && !this.hasChanges(now)) return prev;
    const parts = this.partitions.map((p) => p.buildSnapshot(now));
    let users = 0;
    for (const s of parts) users += s.users;
    const snap: PartitionedSnapshot = {
      id: combinedSnapshotId(parts.map((s) => s.id)),
      builtAt: new Date(now.getTime()),
      day: parts[0]!.day,
      users,
      parts,
    };
    this.current = snap;
    return snap;
  }
}

/** Exact count of a spec: the sum of the per-partition exact counts. */
export function countPartitioned(snapshot: PartitionedSnapshot, spec: CanonicalSpec): number {
  let n = 0;
  for (const s of snapshot.parts) n += countSpec(s, spec);
  return n;
}

/**
 * Cell-wise sums of per-partition breakdowns. Cell keys are the union over partitions (a country
 * present in one partition only is still a cell), in the same order as {@link breakdownCounts}.
 */
export function sumCells(parts: Iterable<readonly ExactCell[]>, dimension: BreakdownDimension): ExactCell[] {
  const sums = new Map<string, number>();
  for (const cells of parts) for (const c of cells) sums.set(c.key, (sums.get(c.key) ?? 0) + c.count);
  const out = [...sums].map(([key, count]) => ({ key, count }));
  // Age bands arrive in band order from every partition (same keys); countries sort by code.
  if (dimension === 'COUNTRY') out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** Sums of per-partition audience sizes and per-interest overlaps. */
export function sumOverlaps(parts: Iterable<{ count: number; overlaps: ReadonlyMap<string, number> }>): {
  count: number;
  overlaps: Map<string, number>;
} {
  let count = 0;
  const overlaps = new Map<string, number>();
  for (const p of parts) {
    count += p.count;
    for (const [id, n] of p.overlaps) overlaps.set(id, (overlaps.get(id) ?? 0) + n);
  }
  return { count, overlaps };
}

/** Exact breakdown cells over every partition (see {@link sumCells}). */
export function breakdownPartitioned(
  snapshot: PartitionedSnapshot,
  spec: CanonicalSpec,
  dimension: BreakdownDimension,
): ExactCell[] {
  return sumCells(
    snapshot.parts.map((s) => breakdownSpec(s, spec, dimension)),
    dimension,
  );
}

/** Exact audience size and overlap with every interest: sums over partitions, one evaluation each. */
export function overlapsPartitioned(
  snapshot: PartitionedSnapshot,
  spec: CanonicalSpec,
): { count: number; overlaps: Map<string, number> } {
  return sumOverlaps(snapshot.parts.map((s) => overlapSpec(s, spec)));
}

/** Exact overlap of a spec's final set with every interest: per-interest sums over partitions. */
export function overlapPartitioned(snapshot: PartitionedSnapshot, spec: CanonicalSpec): Map<string, number> {
  return overlapsPartitioned(snapshot, spec).overlaps;
}

/** Exact size of one interest in a window: the sum over partitions. */
export function interestSizePartitioned(
  snapshot: PartitionedSnapshot,
  interestId: string,
  recencyDays: RecencyDays,
): number {
  let n = 0;
  for (const s of snapshot.parts) n += interestBitmap(s, interestId, recencyDays).size;
  return n;
}
