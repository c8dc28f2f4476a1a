/**
 * CPU per signal of loading through `applyChunk`, the server's start-up path, with chunks shaped
 * like `PgAudienceLoader`'s: profile chunks first, then 50K-signal chunks ordered by user
 * (`LOAD_ORDER=interest` streams them ordered by interest and day instead, for comparison),
 * then the erasure chunk that ends a scan. Fresh strings per row, as a database driver makes.
 *
 *   LOAD_USERS=1000000 npx tsx --conditions=development src/bench/load-probe.ts
 *
 * Reported: process CPU time (all threads, so V8's concurrent GC of the chunks' strings counts
 * too) and wall time inside `applyChunk` and the first `hasChanges` (which flushes buffered
 * signals), per signal; then the first `buildSnapshot`. Building the chunks is not
 * counted. Counts of every interest's 90-day window are printed as a checksum.
 */
import { BitmapIndex } from '../bitmap-index.js';
import type { AudienceChunk, AudienceSignal } from '../loader.js';
import { BENCH_INTERESTS, benchCatalog, benchInterestId, benchUserId, generateRows } from './population.js';

const NOW = new Date('2025-06-30T12:00:00Z');
const USERS = Number(process.env.LOAD_USERS ?? 1_000_000);
const ORDER = process.env.LOAD_ORDER === 'interest' ? 'interest' : 'user';
const CHUNK = Number(process.env.LOAD_CHUNK ?? 50_000);
/** `hex`: 64-hex pseudonymous ids like production's; default the bench's short ids. */
const HEX = process.env.LOAD_IDS === 'hex';
const hex8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
const hexId = (u: number): Buffer => {
  let s = hex8(u);
  let h = u + 1;
  for (let k = 0; k < 7; k++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + k;
    s += hex8(h);
  }
  return Buffer.from(s, 'latin1');
};
let lastHex = -1;
let lastBytes: Buffer = Buffer.alloc(0);
/** A fresh flat string per row, decoded from bytes as a database driver does. */
const userId = (u: number): string => {
  if (!HEX) return benchUserId(u);
  if (u !== lastHex) {
    lastHex = u;
    lastBytes = hexId(u);
  }
  return lastBytes.toString('latin1');
};
const today = Math.floor(NOW.getTime() / 86_400_000);

// Generate once into typed arrays: (user, interest rank, days ago) per signal.
const profiles: { country: string; birthYear: number; optedOut: boolean }[] = [];
let user = new Uint32Array(1 << 20);
let key = new Uint16Array(1 << 20); // rank << 7 | daysAgo
let n = 0;
generateRows(
  USERS,
  {},
  {
    profile: (_u, country, birthYear, optedOut) => profiles.push({ country, birthYear, optedOut }),
    signals: (rank, daysAgo, users) => {
      if (n + users.length > user.length) {
        const u2 = new Uint32Array(Math.max(user.length * 2, n + users.length));
        u2.set(user.subarray(0, n));
        user = u2;
        const k2 = new Uint16Array(u2.length);
        k2.set(key.subarray(0, n));
        key = k2;
      }
      user.set(users, n);
      key.fill((rank << 7) | daysAgo, n, n + users.length);
      n += users.length;
    },
  },
  NOW.getUTCFullYear(),
);

// Stream order: a stable counting sort by user (user order) or by (interest, day).
const order = new Uint32Array(n);
{
  const buckets = ORDER === 'user' ? USERS : BENCH_INTERESTS << 7;
  const keyOf = ORDER === 'user' ? (i: number) => user[i]! : (i: number) => key[i]!;
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[keyOf(i) + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  for (let i = 0; i < n; i++) order[start[keyOf(i)]!++] = i;
}

const ymd = (daysAgo: number): string => {
  const d = new Date((today - daysAgo) * 86_400_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
};

function signalChunk(from: number, to: number): AudienceChunk {
  const signals: AudienceSignal[] = new Array(to - from);
  for (let j = from; j < to; j++) {
    const i = order[j]!;
    const k = key[i]!;
    signals[j - from] = {
      userId: userId(user[i]!),
      interestId: benchInterestId(k >>> 7),
      lastDay: ymd(k & 127),
    };
  }
  return { signals };
}

const index = new BitmapIndex({ catalog: benchCatalog(), expectedUsers: USERS });
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let profileMs = 0;
let signalMs = 0;
let signalWallMs = 0;
const stream0 = cpu();
const wall0 = performance.now();
for (let from = 0; from < USERS; from += CHUNK) {
  const chunk: AudienceChunk = {
    profiles: profiles
      .slice(from, Math.min(USERS, from + CHUNK))
      .map((p, j) => ({ userId: userId(from + j), ...p })),
  };
  const t = cpu();
  index.applyChunk(chunk);
  profileMs += cpu() - t;
}
for (let from = 0; from < n; from += CHUNK) {
  const chunk = signalChunk(from, Math.min(n, from + CHUNK));
  const t = cpu();
  const w = performance.now();
  index.applyChunk(chunk);
  signalWallMs += performance.now() - w;
  signalMs += cpu() - t;
}
{
  const t = cpu();
  const w = performance.now();
  index.applyChunk({ erased: ['nobody-1', 'nobody-2'], watermark: 'w' });
  index.hasChanges(NOW);
  signalWallMs += performance.now() - w;
  signalMs += cpu() - t;
}
const streamMs = cpu() - stream0;
const t = cpu();
const snap = index.buildSnapshot(NOW);
const snapshotMs = cpu() - t;
const wallMs = performance.now() - wall0;

let checksum = 0;
for (const id of [...snap.interests.keys()].sort()) {
  const b = snap.interests.get(id)!;
  checksum = (Math.imul(checksum, 31) + b[7].size * 3 + b[30].size * 5 + b[90].size) >>> 0;
}
const mem = index.memory();
console.log(
  JSON.stringify({
    users: USERS,
    signals: n,
    order: ORDER,
    chunk: CHUNK,
    ids: HEX ? 'hex' : 'short',
    profile_cpu_ms: Math.round(profileMs),
    signal_cpu_ms: Math.round(signalMs),
    signal_cpu_ns_per_signal: Math.round((signalMs * 1e6) / n),
    signal_wall_ns_per_signal: Math.round((signalWallMs * 1e6) / n),
    load_cpu_ms_incl_chunk_building: Math.round(streamMs),
    snapshot_cpu_ms: Math.round(snapshotMs),
    wall_ms_incl_chunk_building: Math.round(wallMs),
    eligible: snap.users,
    checksum,
    bucket_mb: Math.round(mem.bucketBytes / 1e6),
    heap_mb: Math.round(process.memoryUsage().heapUsed / 1e6),
  }),
);
