/**
 * One partition of a {@link ThreadedIndex}, in its own worker thread: a {@link BitmapIndex} of the
 * users hashed to this partition, its snapshots, and exact evaluation on them. It answers exact
 * counts only; the privacy layer runs once, in the calling thread, on the summed counts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { BitmapIndex, type IndexSnapshot } from './bitmap-index.js';
import type { CountryStatus, InterestCatalog } from './catalog.js';
import { breakdownSpec, countSpec, overlapSpec } from './evaluate.js';
import type {
  PartitionFill,
  PartitionSnapshotInfo,
  WorkerInit,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
} from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('partition-worker.ts runs only as a worker thread');
const init = (workerData ?? {}) as WorkerInit;

/**
 * The dated region policy comes from the calling thread with every build (its catalog may hold
 * functions, which cannot cross threads); a code the policy does not name is UNKNOWN: not eligible.
 */
let policy: Record<string, CountryStatus> = {};
const catalog: InterestCatalog = {
  isKnownInterest: () => true,
  isSensitiveInterest: () => false,
  countryStatus: (code) => policy[code] ?? 'UNKNOWN',
};

let live: BitmapIndex | undefined = new BitmapIndex({
  catalog,
  ...(init.expectedUsers === undefined ? {} : { expectedUsers: init.expectedUsers }),
});

function theIndex(): BitmapIndex {
  if (live === undefined) throw Object.assign(new Error('the partition was disposed'), { code: 'NOT_READY' });
  return live;
}

/**
 * Frees the partition's bitmaps before the thread ends: CRoaring memory is released by the
 * bitmaps' finalizers, which a terminated thread never runs (its native memory would stay
 * allocated for the life of the process). So: drop every reference, then collect.
 */
async function dispose(): Promise<void> {
  live = undefined;
  snapshots.clear();
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  await new Promise((resolve) => setImmediate(resolve)); // let the second-pass finalizers run
  gc();
}
/** Snapshots that queries may still name, by id (the caller releases them when done). */
const snapshots = new Map<string, IndexSnapshot>();

function snapshotNamed(id: string): IndexSnapshot {
  const s = snapshots.get(id);
  if (s === undefined) throw Object.assign(new Error(`snapshot ${id} was released`), { code: 'NOT_READY' });
  return s;
}

function describe(s: IndexSnapshot): PartitionSnapshotInfo {
  const sizes: PartitionSnapshotInfo['sizes'] = [];
  for (const [id, b] of s.interests) sizes.push([id, b[7].size, b[30].size, b[90].size]);
  return { id: s.id, day: s.day, users: s.users, sizes };
}

async function handle(m: WorkerRequest): Promise<WorkerResult> {
  switch (m.op) {
    case 'apply':
      theIndex().applyChunk(m.chunk);
      return { op: 'apply' };
    case 'hasChanges':
      return { op: 'hasChanges', value: theIndex().hasChanges(new Date(m.now)) };
    case 'build': {
      policy = m.policy;
      const s = theIndex().buildSnapshot(new Date(m.now));
      snapshots.set(s.id, s);
      return { op: 'build', info: describe(s) };
    }
    case 'release': {
      const s = snapshots.get(m.snapshotId);
      if (s !== undefined && s !== live?.snapshot) {
        snapshots.delete(m.snapshotId);
        s.memo.clear();
      }
      return { op: 'release' };
    }
    case 'count':
      return { op: 'count', value: countSpec(snapshotNamed(m.snapshotId), m.spec) };
    case 'breakdown':
      return { op: 'breakdown', cells: breakdownSpec(snapshotNamed(m.snapshotId), m.spec, m.dimension) };
    case 'overlaps':
      return { op: 'overlaps', ...overlapSpec(snapshotNamed(m.snapshotId), m.spec) };
    case 'memory':
      return { op: 'memory', memory: theIndex().memory() };
    case 'dispose':
      await dispose();
      return { op: 'dispose' };
    case 'fill': {
      const mod = (await import(m.module)) as Record<string, unknown>;
      const fn = mod[m.name];
      if (typeof fn !== 'function') throw new Error(`${m.module} has no function ${m.name}`);
      const value = await (fn as PartitionFill)(theIndex(), {
        partition: m.partition,
        partitions: m.partitions,
        args: m.args,
      });
      return { op: 'fill', value };
    }
  }
}

// Requests are handled strictly in arrival order: a query never overtakes the chunks and the
// build sent before it.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: m.id, ok: true, result: await handle(m) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const code = (err as { code?: unknown }).code;
      reply = {
        id: m.id,
        ok: false,
        error: { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) },
      };
    }
    port.postMessage(reply);
  });
});
