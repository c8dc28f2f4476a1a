import { createHash } from 'node:crypto';
import { RoaringBitmap32 } from './roaring.js';
import { type InterestCatalog, taxonomyCatalog } from './catalog.js';
import type { AudienceChunk, AudienceSignal } from './loader.js';
import { MAX_AGE, MIN_AGE, type RecencyDays } from './spec.js';
import { UserSlots } from './user-slots.js';

/** Age bands of breakdowns. */
export type AgeBand = '18-24' | '25-34' | '35-44' | '45-54' | '55-64' | '65+';
export const AGE_BANDS: readonly { band: AgeBand; min: number; max: number }[] = [
  { band: '18-24', min: 18, max: 24 },
  { band: '25-34', min: 25, max: 34 },
  { band: '35-44', min: 35, max: 44 },
  { band: '45-54', min: 45, max: 54 },
  { band: '55-64', min: 55, max: 64 },
  { band: '65+', min: 65, max: 65 },
];

/** Days of signals the index keeps (the longest recency window; the system retention). */
export const RETENTION_DAYS = 90;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD` string, or NaN. */
export function epochDay(ymd: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return Number.NaN;
  return Math.floor(Date.parse(`${ymd}T00:00:00Z`) / MS_PER_DAY);
}

/**
 * Age used for targeting: birth dates are not kept, only birth years, so the age is the youngest
 * the person can be (year − birthYear − 1). It never overstates an age, so no minor is ever
 * counted as 18.
 */
export function conservativeAge(birthYear: number, at: Date): number {
  return at.getUTCFullYear() - birthYear - 1;
}

/** Per-interest membership bitmaps for each recency window (eligible users only). */
export interface InterestBitmaps {
  readonly 7: RoaringBitmap32;
  readonly 30: RoaringBitmap32;
  readonly 90: RoaringBitmap32;
}

/**
 * An immutable view of the index at one moment. Every bitmap is frozen; the next snapshot shares
 * the bitmaps of unchanged interests (copy-on-write at interest granularity).
 */
export interface IndexSnapshot {
  readonly id: string;
  readonly builtAt: Date;
  /** Epoch day of `builtAt`. */
  readonly day: number;
  /** Eligible users (adult, not opted out, not erased, allowed country, with a profile). */
  readonly users: number;
  readonly eligible: RoaringBitmap32;
  readonly countries: ReadonlyMap<string, RoaringBitmap32>;
  /** Index `age − 18`; the last entry is 65+. */
  readonly ages: readonly RoaringBitmap32[];
  /** Parallel to {@link AGE_BANDS}. */
  readonly bands: readonly RoaringBitmap32[];
  readonly interests: ReadonlyMap<string, InterestBitmaps>;
  /** Bounded memo of derived bitmaps (age ranges, country unions). Never holds per-spec results. */
  readonly memo: Map<string, RoaringBitmap32>;
}

/** Sizes of an index in bytes. */
export interface IndexMemory {
  /** Serialized size of the snapshot's bitmaps (a lower bound of their heap). */
  snapshotBitmapBytes: number;
  /** Serialized size of the live per-day buckets. */
  bucketBytes: number;
  /** Typed arrays of per-user demographics. */
  demographicBytes: number;
  /** The user-id → slot table and its id arena (typed arrays, off the V8 heap). */
  slotTableBytes: number;
  /** Bytes CRoaring reports as allocated (all bitmaps in the process). */
  roaringAllocatedBytes: number;
}

export interface BitmapIndexOptions {
  /** For the dated region policy. Default: the taxonomy. */
  catalog?: InterestCatalog;
  /** Pre-sizes the slot table and demographic arrays (avoids regrowth during a big build). */
  expectedUsers?: number;
}

/** Chunks with at least this many signals take the grouped bulk path. */
const BULK_MIN = 256;
/** Below this many signals an (interest, day) group is added element by element. */
const SMALL_GROUP = 32;
const FLAG_PROFILE = 1;
const FLAG_OPTED_OUT = 2;
const EMPTY = new RoaringBitmap32().freeze();

/** A 32-bit FNV-1a of a string, for the cheap mutation fingerprint. */
function fnv(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Folds integers into the fingerprint without building a string per mutation. */
function mix(h: number, a: number, b = 0, c = 0, d = 0): number {
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  return Math.imul(h ^ d, 0x01000193) >>> 0;
}

/**
 * The live, mutable index: a dense slot per pseudonymous user, per-user demographics in typed
 * arrays, and per interest one roaring bitmap per "last day seen". A user is in interest X for a
 * window of N days when some bucket of X dated within the window holds them, so an older bucket
 * left behind by a newer signal never changes an answer and replays are harmless.
 *
 * Queries never touch this object: {@link BitmapIndex.buildSnapshot} derives an immutable
 * {@link IndexSnapshot}, recomputing only interests whose buckets changed.
 */
export class BitmapIndex {
  private readonly catalog: InterestCatalog;
  /** Off the V8 heap: a 10M-entry `Map<string, number>` made every major GC long. */
  private readonly slots: UserSlots;
  private nextSlot = 0;
  private country = new Uint16Array(1024);
  private birthYear = new Uint16Array(1024);
  private flags = new Uint8Array(1024);
  private readonly countryCodes: string[] = [''];
  private readonly countryIndex = new Map<string, number>();
  private readonly buckets = new Map<string, Map<number, RoaringBitmap32>>();
  /** FNV of each interest id, so a signal's fingerprint needs no string work. */
  private readonly interestHash = new Map<string, number>();
  private readonly dayCache = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private demographicsDirty = true;
  private pendingErasures = new RoaringBitmap32();
  private mutations = 0;
  private fingerprint = 0x811c9dc5;
  private current: IndexSnapshot | undefined;
  /** The loader watermark after the last applied stream. */
  watermark: string | undefined;

  constructor(options: BitmapIndexOptions = {}) {
    this.catalog = options.catalog ?? taxonomyCatalog;
    const expected = options.expectedUsers ?? 1024;
    this.slots = new UserSlots(expected);
    if (expected > 1024) this.grow(expected);
  }

  /** Pseudonymous users known to the index (eligible or not). */
  get knownUsers(): number {
    return this.slots.size;
  }

  /** The latest built snapshot, if any. */
  get snapshot(): IndexSnapshot | undefined {
    return this.current;
  }

  private touch(kind: number, a: number, b = 0, c = 0): void {
    this.mutations++;
    this.fingerprint = mix(this.fingerprint, kind, a, b, c);
  }

  private hashOfInterest(interestId: string): number {
    let h = this.interestHash.get(interestId);
    if (h === undefined) {
      h = fnv(interestId);
      this.interestHash.set(interestId, h);
    }
    return h;
  }

  private grow(min: number): void {
    let n = this.country.length;
    while (n < min) n *= 2;
    const c = new Uint16Array(n);
    c.set(this.country);
    this.country = c;
    const b = new Uint16Array(n);
    b.set(this.birthYear);
    this.birthYear = b;
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }

  /** The dense slot of a user, allocated on first sight. Freed slots are never reused. */
  slotOf(userId: string): number {
    const slot = this.slots.getOrAdd(userId);
    if (slot >= this.nextSlot) {
      this.nextSlot = slot + 1;
      if (slot >= this.country.length) this.grow(slot + 1);
    }
    return slot;
  }

  /** Sets a user's profile. Returns true when anything changed. */
  upsertProfile(userId: string, country: string, birthYear: number, optedOut: boolean): boolean {
    const slot = this.slotOf(userId);
    const code = country.toUpperCase();
    let ci = this.countryIndex.get(code);
    if (ci === undefined) {
      ci = this.countryCodes.length;
      this.countryCodes.push(code);
      this.countryIndex.set(code, ci);
    }
    const year = Number.isInteger(birthYear) && birthYear > 0 && birthYear < 65536 ? birthYear : 0;
    const flags = FLAG_PROFILE | (optedOut ? FLAG_OPTED_OUT : 0);
    if (this.country[slot] === ci && this.birthYear[slot] === year && this.flags[slot] === flags)
      return false;
    this.country[slot] = ci;
    this.birthYear[slot] = year;
    this.flags[slot] = flags;
    this.demographicsDirty = true;
    this.touch(1, slot, (ci << 16) | year, flags);
    return true;
  }

  private bucket(interestId: string, day: number): RoaringBitmap32 {
    let days = this.buckets.get(interestId);
    if (days === undefined) {
      days = new Map();
      this.buckets.set(interestId, days);
    }
    let b = days.get(day);
    if (b === undefined) {
      b = new RoaringBitmap32();
      days.set(day, b);
    }
    return b;
  }

  /** Records that a user was seen with an interest on an epoch day. Returns true when new. */
  addSignal(userId: string, interestId: string, day: number): boolean {
    if (!Number.isFinite(day)) return false;
    const slot = this.slotOf(userId);
    if (!this.bucket(interestId, day).tryAdd(slot)) return false;
    this.dirty.add(interestId);
    this.touch(2, slot, this.hashOfInterest(interestId), day);
    return true;
  }

  /**
   * Bulk path for builders and benchmarks: adds many slots (from {@link slotOf}) to one
   * interest-day bucket in one native call.
   */
  addSignalSlots(interestId: string, day: number, slots: Uint32Array): void {
    if (slots.length === 0) return;
    this.bucket(interestId, day).addMany(slots);
    this.dirty.add(interestId);
    this.mutations += slots.length;
    this.fingerprint = mix(
      mix(this.fingerprint, 3, this.hashOfInterest(interestId), day, slots.length),
      slots[0]!,
      slots[slots.length - 1]!,
    );
  }

  /** Erases a user: profile and every signal gone from the next snapshot. Returns true if known. */
  eraseUser(userId: string): boolean {
    const slot = this.slots.delete(userId);
    if (slot < 0) return false;
    this.country[slot] = 0;
    this.birthYear[slot] = 0;
    this.flags[slot] = 0;
    this.pendingErasures.add(slot);
    this.demographicsDirty = true;
    this.touch(4, slot);
    return true;
  }

  /** Applies one loader chunk (profiles, then signals, then erasures). */
  applyChunk(chunk: AudienceChunk): void {
    for (const p of chunk.profiles ?? []) this.upsertProfile(p.userId, p.country, p.birthYear, p.optedOut);
    const signals = chunk.signals ?? [];
    if (signals.length >= BULK_MIN) this.addSignals(signals);
    else for (const s of signals) this.addSignal(s.userId, s.interestId, this.dayOf(s.lastDay));
    for (const u of chunk.erased ?? []) this.eraseUser(u);
    if (chunk.watermark !== undefined) this.watermark = chunk.watermark;
  }

  /** {@link epochDay} memoised: a stream carries a few hundred distinct day strings at most. */
  private dayOf(ymd: string): number {
    let d = this.dayCache.get(ymd);
    if (d === undefined) {
      if (this.dayCache.size >= 4096) this.dayCache.clear(); // bound it whatever the input
      d = epochDay(ymd);
      this.dayCache.set(ymd, d);
    }
    return d;
  }

  /**
   * Bulk path of {@link applyChunk}: groups the signals by (interest, day) with a counting sort
   * over typed arrays, resolves each user's slot once per run of signals, and adds each group
   * with one sorted native `addMany` (small groups element by element). Effective additions are
   * the growth of each bucket, so replays still change nothing (same mutation count, fingerprint
   * and snapshot id). Measured on 3.6M signals (200K users): ~290 ns of CPU per signal in
   * interest order, ~1.4 µs in the loader's user order, where a 50K-signal chunk spreads over
   * ~36K (interest, day) buckets and cache misses dominate; the per-signal path measured 320 ns
   * and 1.6 µs. Most of the earlier ~700 ns was `epochDay` parsing, now memoised ({@link dayOf}).
   */
  private addSignals(signals: readonly AudienceSignal[]): void {
    const n = signals.length;
    const slots = new Uint32Array(n);
    const group = new Int32Array(n);
    const groupIndex = new Map<number, number>();
    const groupInterest: string[] = [];
    const groupDay: number[] = [];
    const interestIndex = new Map<string, number>();
    // The loader streams signals ordered by user: consecutive signals mostly share the id.
    let lastUser = '';
    let lastSlot = -1;
    for (let i = 0; i < n; i++) {
      const s = signals[i]!;
      const day = this.dayOf(s.lastDay);
      if (!Number.isFinite(day) || day < 0 || day >= 1 << 20) {
        group[i] = -1;
        if (Number.isFinite(day)) this.addSignal(s.userId, s.interestId, day); // out-of-range: slow path
        continue;
      }
      let ii = interestIndex.get(s.interestId);
      if (ii === undefined) {
        ii = interestIndex.size;
        interestIndex.set(s.interestId, ii);
      }
      const key = ii * 1_048_576 + day;
      let g = groupIndex.get(key);
      if (g === undefined) {
        g = groupInterest.length;
        groupIndex.set(key, g);
        groupInterest.push(s.interestId);
        groupDay.push(day);
      }
      group[i] = g;
      if (lastSlot < 0 || s.userId !== lastUser) {
        lastUser = s.userId;
        lastSlot = this.slotOf(lastUser);
      }
      slots[i] = lastSlot;
    }
    const groups = groupInterest.length;
    const start = new Uint32Array(groups + 1);
    for (let i = 0; i < n; i++) if (group[i]! >= 0) start[group[i]! + 1]!++;
    for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, groups);
    const sorted = new Uint32Array(start[groups]!);
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (g >= 0) sorted[fill[g]!++] = slots[i]!;
    }
    for (let g = 0; g < groups; g++) {
      const from = start[g]!;
      const to = start[g + 1]!;
      const interestId = groupInterest[g]!;
      const day = groupDay[g]!;
      const b = this.bucket(interestId, day);
      let added = 0;
      if (to - from < SMALL_GROUP) {
        // Loader chunks are ordered by user, so most groups hold one or two signals: per-element
        // `tryAdd` is one native call each, cheaper than sort + two `size` + `addMany`.
        for (let j = from; j < to; j++) if (b.tryAdd(sorted[j]!)) added++;
      } else {
        const part = sorted.subarray(from, to).sort();
        const before = b.size;
        b.addMany(part);
        added = b.size - before;
      }
      if (added === 0) continue;
      this.dirty.add(interestId);
      this.mutations += added;
      this.fingerprint = mix(
        mix(this.fingerprint, 5, this.hashOfInterest(interestId), day, added),
        sorted[from]!,
        sorted[to - 1]!,
      );
    }
  }

  /** True when {@link buildSnapshot} at `now` would produce a different snapshot. */
  hasChanges(now: Date): boolean {
    const prev = this.current;
    return (
      prev === undefined ||
      this.demographicsDirty ||
      this.dirty.size > 0 ||
      this.pendingErasures.size > 0 ||
      prev.day !== Math.floor(now.getTime() / MS_PER_DAY)
    );
  }

  /**
   * Builds the next immutable snapshot (or returns the current one when nothing changed).
   * The current snapshot is never modified, so queries running on it are undisturbed.
   */
  buildSnapshot(now: Date): IndexSnapshot {
    const prev = this.current;
    if (prev !== undefined && !this.hasChanges(now)) return prev;
    const day = Math.floor(now.getTime() / MS_PER_DAY);
    const dayChanged = prev === undefined || prev.day !== day;

    // Erasures: physically remove from every bucket.
    if (this.pendingErasures.size > 0) {
      const erased = this.pendingErasures;
      for (const [interestId, days] of this.buckets) {
        for (const b of days.values()) {
          if (b.intersects(erased)) {
            b.andNotInPlace(erased);
            this.dirty.add(interestId);
          }
        }
      }
      this.pendingErasures = new RoaringBitmap32();
    }
    // Retention: drop buckets older than the longest window.
    const oldest = day - (RETENTION_DAYS - 1);
    for (const [interestId, days] of this.buckets) {
      for (const d of days.keys()) {
        if (d < oldest) {
          days.delete(d);
          this.dirty.add(interestId);
        }
      }
      if (days.size === 0) this.buckets.delete(interestId);
    }

    // Demographics (rebuilt when profiles changed, or daily: ages and the dated region policy move).
    let eligible: RoaringBitmap32;
    let countries: ReadonlyMap<string, RoaringBitmap32>;
    let ages: readonly RoaringBitmap32[];
    let bands: readonly RoaringBitmap32[];
    const rebuildDemographics = prev === undefined || this.demographicsDirty || dayChanged;
    if (rebuildDemographics) {
      ({ eligible, countries, ages, bands } = this.buildDemographics(now));
      this.demographicsDirty = false;
    } else {
      ({ eligible, countries, ages, bands } = prev);
    }
    const eligibilityChanged = prev === undefined || !eligible.isEqual(prev.eligible);
    if (!eligibilityChanged && prev !== undefined && rebuildDemographics) {
      eligible = prev.eligible; // keep identity when equal
    }

    // Interests: copy-on-write; recompute only what moved.
    const interests = new Map<string, InterestBitmaps>();
    for (const [interestId, days] of this.buckets) {
      const reuse = prev?.interests.get(interestId);
      if (reuse !== undefined && !dayChanged && !eligibilityChanged && !this.dirty.has(interestId)) {
        interests.set(interestId, reuse);
        continue;
      }
      interests.set(interestId, windowBitmaps(days, day, eligible));
    }
    this.dirty.clear();

    const id = createHash('sha256')
      .update(
        JSON.stringify([
          prev?.id ?? 'genesis',
          this.watermark ?? '',
          this.mutations,
          this.fingerprint,
          day,
          eligible.size,
        ]),
      )
      .digest('hex')
      .slice(0, 24);
    const snap: IndexSnapshot = {
      id: `snap_${id}`,
      builtAt: new Date(now.getTime()),
      day,
      users: eligible.size,
      eligible,
      countries,
      ages,
      bands,
      interests,
      memo: new Map(),
    };
    this.current = snap;
    return snap;
  }

  private buildDemographics(now: Date): {
    eligible: RoaringBitmap32;
    countries: Map<string, RoaringBitmap32>;
    ages: RoaringBitmap32[];
    bands: RoaringBitmap32[];
  } {
    const n = this.nextSlot;
    const allowed = new Uint8Array(this.countryCodes.length);
    for (let i = 1; i < this.countryCodes.length; i++) {
      allowed[i] = this.catalog.countryStatus(this.countryCodes[i]!, now) === 'ALLOWED' ? 1 : 0;
    }
    const year = now.getUTCFullYear();
    const ageCount = MAX_AGE - MIN_AGE + 1;
    // Two passes over typed arrays: count, then fill per-age and per-country slot lists (sorted).
    const ageOf = new Int8Array(n).fill(-1);
    const perAge = new Uint32Array(ageCount);
    const perCountry = new Uint32Array(this.countryCodes.length);
    for (let s = 0; s < n; s++) {
      const f = this.flags[s]!;
      if ((f & FLAG_PROFILE) === 0 || (f & FLAG_OPTED_OUT) !== 0) continue;
      const c = this.country[s]!;
      if (allowed[c] !== 1) continue;
      const by = this.birthYear[s]!;
      if (by === 0) continue;
      const age = year - by - 1;
      if (age < MIN_AGE) continue;
      const a = Math.min(age, MAX_AGE) - MIN_AGE;
      ageOf[s] = a;
      perAge[a]!++;
      perCountry[c]!++;
    }
    const ageLists = Array.from(perAge, (k) => new Uint32Array(k));
    const countryLists = Array.from(perCountry, (k) => new Uint32Array(k));
    const ageFill = new Uint32Array(ageCount);
    const countryFill = new Uint32Array(this.countryCodes.length);
    for (let s = 0; s < n; s++) {
      const a = ageOf[s]!;
      if (a < 0) continue;
      ageLists[a]![ageFill[a]!++] = s;
      const c = this.country[s]!;
      countryLists[c]![countryFill[c]!++] = s;
    }
    const ages = ageLists.map((l) => freeze(new RoaringBitmap32(l)));
    const countries = new Map<string, RoaringBitmap32>();
    for (let c = 1; c < countryLists.length; c++) {
      if (countryLists[c]!.length > 0)
        countries.set(this.countryCodes[c]!, freeze(new RoaringBitmap32(countryLists[c]!)));
    }
    const bands = AGE_BANDS.map((b) =>
      freeze(RoaringBitmap32.orMany(ages.slice(b.min - MIN_AGE, b.max - MIN_AGE + 1))),
    );
    const eligible = freeze(RoaringBitmap32.orMany(ages));
    return { eligible, countries, ages, bands };
  }

  /** Byte sizes of the index, for benchmarks and readiness. */
  memory(): IndexMemory {
    let snapshotBitmapBytes = 0;
    const seen = new Set<RoaringBitmap32>();
    const add = (b: RoaringBitmap32): void => {
      if (seen.has(b)) return;
      seen.add(b);
      snapshotBitmapBytes += b.getSerializationSizeInBytes('croaring');
    };
    const s = this.current;
    if (s !== undefined) {
      add(s.eligible);
      for (const b of s.countries.values()) add(b);
      for (const b of s.ages) add(b);
      for (const b of s.bands) add(b);
      for (const i of s.interests.values()) {
        add(i[7]);
        add(i[30]);
        add(i[90]);
      }
    }
    let bucketBytes = 0;
    for (const days of this.buckets.values())
      for (const b of days.values()) bucketBytes += b.getSerializationSizeInBytes('croaring');
    return {
      snapshotBitmapBytes,
      bucketBytes,
      demographicBytes: this.country.byteLength + this.birthYear.byteLength + this.flags.byteLength,
      slotTableBytes: this.slots.byteLength,
      roaringAllocatedBytes: RoaringBitmap32.getRoaringUsedMemory(),
    };
  }
}

function freeze(b: RoaringBitmap32): RoaringBitmap32 {
  b.runOptimize();
  b.shrinkToFit();
  return b.freeze();
}

/** Window bitmaps of one interest from its day buckets, restricted to eligible users. */
function windowBitmaps(
  days: ReadonlyMap<number, RoaringBitmap32>,
  today: number,
  eligible: RoaringBitmap32,
): InterestBitmaps {
  const byWindow: Record<RecencyDays, RoaringBitmap32[]> = { 7: [], 30: [], 90: [] };
  for (const [d, b] of days) {
    const age = today - d; // 0 = today; negative (clock skew) counts as today
    if (age < 7) byWindow[7].push(b);
    else if (age < 30) byWindow[30].push(b);
    else if (age < RETENTION_DAYS) byWindow[90].push(b);
  }
  const w7 = byWindow[7].length === 0 ? new RoaringBitmap32() : RoaringBitmap32.orMany(byWindow[7]);
  w7.andInPlace(eligible);
  freeze(w7);
  const widen = (base: RoaringBitmap32, more: RoaringBitmap32[]): RoaringBitmap32 => {
    if (more.length === 0) return base; // same members: share the frozen bitmap
    const w = RoaringBitmap32.orMany([base, ...more]);
    w.andInPlace(eligible);
    return freeze(w);
  };
  const w30 = widen(w7, byWindow[30]);
  const w90 = widen(w30, byWindow[90]);
  return { 7: w7, 30: w30, 90: w90 };
}

/** A frozen empty bitmap, for interests without any signal. */
export const EMPTY_BITMAP: RoaringBitmap32 = EMPTY;
