import { BitmapIndex } from '../bitmap-index.js';
import { fixtureCatalog, type InterestCatalog } from '../catalog.js';
import { partitionOfUser } from '../partitioned-index.js';
import type { PartitionFill } from '../worker-protocol.js';

/** Synthetic world of the benchmark. */
export const BENCH_COUNTRIES = ['US', 'IN', 'BR', 'MX', 'JP', 'CA', 'AU', 'NG', 'ZA', 'AR'];
const COUNTRY_WEIGHTS = [30, 20, 12, 9, 8, 6, 5, 4, 3, 3];
export const BENCH_INTERESTS = 400;
export const CLUSTER_SIZE = 20;
export const benchInterestId = (rank: number): string => `b${rank}`;

export function benchCatalog(): InterestCatalog {
  return fixtureCatalog(
    Array.from({ length: BENCH_INTERESTS }, (_, i) => benchInterestId(i)),
    { countries: BENCH_COUNTRIES },
  );
}

/** xorshift32: fast, deterministic. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** A 65,536-entry inverse-CDF table of Zipf(s) over n items: O(1) sampling. */
function zipfTable(n: number, s: number): Uint16Array {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  const table = new Uint16Array(65536);
  let acc = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    acc += w[i]! / total;
    const end = Math.min(65536, Math.round(acc * 65536));
    while (j < end) table[j++] = i;
  }
  while (j < 65536) table[j++] = n - 1;
  return table;
}

/** Receives the generated rows. User numbers are dense, starting at 0, in increasing order. */
export interface PopulationSink {
  profile(user: number, country: string, birthYear: number, optedOut: boolean): void;
  /** Sorted user numbers last seen with interest `rank` `daysAgo` days before `now`. */
  signals(rank: number, daysAgo: number, users: Uint32Array): void;
}

/** The pseudonymous id of a benchmark user number. */
export const benchUserId = (user: number): string => `u${user.toString(36)}`;

/**
 * Generates `users` people: about 20 interest signals each (`perUser` ± 5 draws, duplicates
 * dropped), Zipf popularity over 400 interests, correlated in clusters of 20 (a person draws 70 %
 * of their interests from 2 favourite clusters), last-seen days spread over 90 days (40 % within
 * 7 days, 35 % within 30), 10 countries, ages 18–80, 1 % opted out. Deterministic for a seed.
 * Returns the number of signals.
 */
export function generateRows(
  users: number,
  options: { seed?: number; perUser?: number },
  sink: PopulationSink,
  year: number,
): number {
  const rnd = rng(options.seed ?? 42);
  const perUser = options.perUser ?? 26;
  const clusters = BENCH_INTERESTS / CLUSTER_SIZE;
  const globalZipf = zipfTable(BENCH_INTERESTS, 1.0);
  const clusterZipf = zipfTable(clusters, 0.8);
  const withinZipf = zipfTable(CLUSTER_SIZE, 1.0);
  // A cluster's members are spread over popularity ranks (rank r belongs to cluster r % clusters).
  const member = (cluster: number, k: number): number => k * clusters + cluster;
  const countryCdf: number[] = [];
  let accW = 0;
  const totalW = COUNTRY_WEIGHTS.reduce((a, b) => a + b, 0);
  for (const cw of COUNTRY_WEIGHTS) {
    accW += cw;
    countryCdf.push(accW / totalW);
  }

  // Per interest buffer of (user << 7 | daysAgo); flushed by day into sorted user arrays.
  const CAP = 32768;
  const buf = Array.from({ length: BENCH_INTERESTS }, () => new Uint32Array(CAP));
  const len = new Uint32Array(BENCH_INTERESTS);
  const perDay = new Uint32Array(128);
  const flush = (i: number): void => {
    const b = buf[i]!;
    const n = len[i]!;
    perDay.fill(0);
    for (let j = 0; j < n; j++) perDay[b[j]! & 127]!++;
    const lists = Array.from(perDay, (c) => new Uint32Array(c));
    const fill = new Uint32Array(128);
    for (let j = 0; j < n; j++) {
      const d = b[j]! & 127;
      lists[d]![fill[d]!++] = b[j]! >>> 7;
    }
    for (let d = 0; d < 128; d++) if (lists[d]!.length > 0) sink.signals(i, d, lists[d]!);
    len[i] = 0;
  };
  let signals = 0;
  const seen = new Int32Array(BENCH_INTERESTS).fill(-1);
  for (let u = 0; u < users; u++) {
    const r = rnd();
    let c = 0;
    while (c < countryCdf.length - 1 && r > countryCdf[c]!) c++;
    sink.profile(u, BENCH_COUNTRIES[c]!, year - 19 - Math.floor(rnd() * 62), rnd() < 0.01);
    const fav1 = clusterZipf[(rnd() * 65536) | 0]!;
    const fav2 = clusterZipf[(rnd() * 65536) | 0]!;
    const n = perUser - 5 + Math.floor(rnd() * 11);
    for (let k = 0; k < n; k++) {
      const p = rnd();
      const interest =
        p < 0.35
          ? member(fav1, withinZipf[(rnd() * 65536) | 0]!)
          : p < 0.7
            ? member(fav2, withinZipf[(rnd() * 65536) | 0]!)
            : globalZipf[(rnd() * 65536) | 0]!;
      if (seen[interest] === u) continue;
      seen[interest] = u;
      const q = rnd();
      const daysAgo =
        q < 0.4 ? Math.floor(rnd() * 7) : q < 0.75 ? 7 + Math.floor(rnd() * 23) : 30 + Math.floor(rnd() * 60);
      buf[interest]![len[interest]!++] = ((u << 7) | daysAgo) >>> 0;
      signals++;
      if (len[interest] === CAP) flush(interest);
    }
  }
  for (let i = 0; i < BENCH_INTERESTS; i++) flush(i);
  return signals;
}

/**
 * A sink that feeds a {@link BitmapIndex} directly (user number = slot). Profiles are buffered in
 * typed arrays and applied in batches so the time spent in the index (slot table, demographics,
 * bucket bitmaps) can be measured apart from the generator without a clock read per user.
 */
export function indexSink(
  index: BitmapIndex,
  now: Date,
): PopulationSink & { flush(): void; indexMs: number } {
  const today = Math.floor(now.getTime() / 86_400_000);
  const BATCH = 65_536;
  const country = new Uint8Array(BATCH);
  const year = new Uint16Array(BATCH);
  const opted = new Uint8Array(BATCH);
  const codes = new Map<string, number>(BENCH_COUNTRIES.map((c, i) => [c, i]));
  let first = 0;
  let n = 0;
  const sink = {
    indexMs: 0,
    flush(): void {
      const t = performance.now();
      for (let j = 0; j < n; j++) {
        const id = benchUserId(first + j);
        if (index.slotOf(id) !== first + j) throw new Error('benchmark index must start empty');
        index.upsertProfile(id, BENCH_COUNTRIES[country[j]!]!, year[j]!, opted[j] === 1);
      }
      first += n;
      n = 0;
      sink.indexMs += performance.now() - t;
    },
    profile(user: number, c: string, birthYear: number, optedOut: boolean): void {
      if (user !== first + n) throw new Error('users must arrive in order');
      country[n] = codes.get(c) ?? 0;
      year[n] = birthYear;
      opted[n] = optedOut ? 1 : 0;
      if (++n === BATCH) sink.flush();
    },
    signals(rank: number, daysAgo: number, users: Uint32Array): void {
      // Signals of a user can only arrive after the user's profile was buffered: apply it first.
      if (n > 0) sink.flush();
      const t = performance.now();
      index.addSignalSlots(benchInterestId(rank), today - daysAgo, users);
      sink.indexMs += performance.now() - t;
    },
  };
  return sink;
}

export interface GeneratedPopulation {
  index: BitmapIndex;
  users: number;
  signals: number;
  /** Wall time of generation and ingestion together. */
  generateMs: number;
  /** Of which in the index: slot table, profiles, bucket bitmaps (the build's ingest part). */
  indexMs: number;
}

/** Generates a population (see {@link generateRows}) straight into a new {@link BitmapIndex}. */
export function generatePopulation(
  users: number,
  options: { seed?: number; perUser?: number; now: Date; also?: PopulationSink },
): GeneratedPopulation {
  const t0 = performance.now();
  const index = new BitmapIndex({ catalog: benchCatalog(), expectedUsers: users });
  const a = indexSink(index, options.now);
  const also = options.also;
  const sink: PopulationSink =
    also === undefined
      ? a
      : {
          profile: (...p) => {
            a.profile(...p);
            also.profile(...p);
          },
          signals: (...p) => {
            a.signals(...p);
            also.signals(...p);
          },
        };
  const signals = generateRows(users, options, sink, options.now.getUTCFullYear());
  a.flush();
  return { index, users, signals, generateMs: performance.now() - t0, indexMs: a.indexMs };
}

/** Arguments of {@link fillBenchPartition} (plain data: it crosses threads). */
export interface BenchFillArgs {
  users: number;
  seed?: number;
  /** Epoch ms of the benchmark's clock. */
  now: number;
}

/** What one partition's fill measured. */
export interface BenchFillResult {
  users: number;
  signals: number;
  generateMs: number;
  indexMs: number;
}

/**
 * The benchmark population's share of one partition of a {@link ThreadedIndex}, generated in
 * that partition's own thread: every thread runs the same deterministic generator and keeps the
 * users `partitionOfUser` assigns to it, so the partitions together hold exactly the population of
 * {@link generatePopulation}. Slots are dense per partition, in user order.
 */
export const fillBenchPartition: PartitionFill<BenchFillArgs, BenchFillResult> = (
  index,
  { partition, partitions, args },
) => {
  const t0 = performance.now();
  const now = new Date(args.now);
  const today = Math.floor(args.now / 86_400_000);
  const slotOfUser = new Int32Array(args.users).fill(-1);
  let kept = 0;
  let signals = 0;
  let indexMs = 0;
  const sink: PopulationSink = {
    profile(user, country, birthYear, optedOut) {
      const id = benchUserId(user);
      if (partitionOfUser(id, partitions) !== partition) return;
      const t = performance.now();
      slotOfUser[user] = index.slotOf(id);
      index.upsertProfile(id, country, birthYear, optedOut);
      indexMs += performance.now() - t;
      kept++;
    },
    signals(rank, daysAgo, users) {
      const slots = new Uint32Array(users.length);
      let n = 0;
      for (const u of users) {
        const s = slotOfUser[u]!;
        if (s >= 0) slots[n++] = s;
      }
      if (n === 0) return;
      signals += n;
      const t = performance.now();
      index.addSignalSlots(benchInterestId(rank), today - daysAgo, slots.subarray(0, n));
      indexMs += performance.now() - t;
    },
  };
  generateRows(args.users, args.seed === undefined ? {} : { seed: args.seed }, sink, now.getUTCFullYear());
  return { users: kept, signals, generateMs: performance.now() - t0 - indexMs, indexMs };
};
