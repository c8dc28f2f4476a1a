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
  /**
   * Loader signals buffered across {@link BitmapIndex.applyChunk} calls before they are added to
   * the day buckets in bulk (8 bytes each while buffered, plus 4 during a flush). Default
   * 4,194,304. 0 flushes at the end of every chunk.
   */
  signalBuffer?: number;
}

/** Default of {@link BitmapIndexOptions.signalBuffer}. */
const SIGNAL_BUFFER = 1 << 22;
/** First allocation of the signal buffer (it doubles up to its bound). */
const BUFFER_MIN = 4096;
/**
 * Past these many interest ids or day strings named by the buffer, it is flushed and the names
 * are forgotten (bounds the group table at 8 MB whatever the input).
 */
const MAX_INTERESTS_NAMED = 8192;
const MAX_DAYS_NAMED = 256;
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
  /**
   * Signals of loader chunks not yet in their buckets: parallel (group, slot) pairs, where a
   * group names one (interest, day) bucket. See {@link flush} for why they wait.
   */
  private pendingGroup = new Uint32Array(0);
  private pendingSlot = new Uint32Array(0);
  private pendingLength = 0;
  private readonly signalBuffer: number;
  /** Dense names of the buffer: interest id → index, `YYYY-MM-DD` → day index (-1: no date). */
  private readonly interestNames = new Map<string, number>();
  private readonly dayNames = new Map<string, number>();
  private namedDays: number[] = [];
  /** `interestIndex * dayStride + dayIndex` → group, or -1. */
  private groupTable = new Int32Array(0);
  private dayStride = 0;
  private groupInterest: string[] = [];
  private groupDay: number[] = [];
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
    const buffer = options.signalBuffer ?? SIGNAL_BUFFER;
    if (!Number.isInteger(buffer) || buffer < 0)
      throw new RangeError('signalBuffer must be a whole number ≥ 0');
    this.signalBuffer = buffer;
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
    this.flush();
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
    this.flush();
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
    // Buffered signals go in first, in order: the erasure then removes them with the rest, and
    // the mutation count and fingerprint are those of applying everything one by one.
    this.flush();
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

  /**
   * Applies one loader chunk (profiles, then signals, then erasures). Signals are buffered (see
   * {@link flush}); every method that reads or changes the buckets adds them first, so every
   * count, `hasChanges` answer and snapshot-id move is the one of applying them one by one (the
   * id's value depends on how signals were grouped, as it did before the buffer).
   */
  applyChunk(chunk: AudienceChunk): void {
    for (const p of chunk.profiles ?? []) this.upsertProfile(p.userId, p.country, p.birthYear, p.optedOut);
    const signals = chunk.signals;
    if (signals !== undefined && signals.length > 0) this.bufferSignals(signals);
    for (const u of chunk.erased ?? []) this.eraseUser(u);
    if (chunk.watermark !== undefined) this.watermark = chunk.watermark;
    if (this.signalBuffer === 0) this.flush(false);
  }

  /** Appends a chunk's signals to the buffer; a user's slot is resolved once per run of signals. */
  private bufferSignals(signals: readonly AudienceSignal[]): void {
    // The loader streams signals ordered by user: consecutive signals mostly share the id.
    let lastUser = '';
    let lastSlot = -1;
    for (let i = 0; i < signals.length; i++) {
      const s = signals[i]!;
      if (this.pendingLength === this.pendingSlot.length) this.makeRoom();
      const g = this.groupOf(s.interestId, s.lastDay);
      if (g < 0) continue; // not a date: ignored, as `addSignal` ignores a non-finite day
      if (lastSlot < 0 || s.userId !== lastUser) {
        lastUser = s.userId;
        lastSlot = this.slotOf(lastUser);
      }
      this.pendingGroup[this.pendingLength] = g;
      this.pendingSlot[this.pendingLength++] = lastSlot;
    }
  }

  /** Grows the full buffer up to its bound, or flushes it when it is there. */
  private makeRoom(): void {
    const cap = this.pendingSlot.length;
    if (this.signalBuffer > 0 && cap >= this.signalBuffer) {
      this.flush(false);
      return;
    }
    let next = Math.max(BUFFER_MIN, cap * 2);
    if (this.signalBuffer > 0) next = Math.min(next, this.signalBuffer);
    const group = new Uint32Array(next);
    group.set(this.pendingGroup.subarray(0, this.pendingLength));
    this.pendingGroup = group;
    const slot = new Uint32Array(next);
    slot.set(this.pendingSlot.subarray(0, this.pendingLength));
    this.pendingSlot = slot;
  }

  /**
   * The buffer's group of (interest, `YYYY-MM-DD`), named on first sight; -1 when the day is not
   * a date. Two string-keyed map reads and one typed-array read per signal. The names only live
   * while the buffer is empty-able: when they grow past their bounds (a stream of junk ids or of
   * years of days) the buffer is flushed and they start over.
   */
  private groupOf(interestId: string, ymd: string): number {
    let di = this.dayNames.get(ymd);
    if (di === undefined) {
      if (this.dayNames.size >= MAX_DAYS_NAMED) this.forgetNames();
      const day = epochDay(ymd);
      di = Number.isFinite(day) ? this.namedDays.push(day) - 1 : -1;
      this.dayNames.set(ymd, di);
      if (di >= this.dayStride) this.regroup(this.interestNames.size, Math.max(8, this.dayStride * 2));
    }
    if (di < 0) return -1;
    let ii = this.interestNames.get(interestId);
    if (ii === undefined) {
      if (this.interestNames.size >= MAX_INTERESTS_NAMED) {
        this.forgetNames();
        return this.groupOf(interestId, ymd);
      }
      ii = this.interestNames.size;
      this.interestNames.set(interestId, ii);
      if ((ii + 1) * this.dayStride > this.groupTable.length) this.regroup(ii + 1, this.dayStride);
    }
    const at = ii * this.dayStride + di;
    let g = this.groupTable[at]!;
    if (g < 0) {
      g = this.groupInterest.length;
      this.groupInterest.push(interestId);
      this.groupDay.push(this.namedDays[di]!);
      this.groupTable[at] = g;
    }
    return g;
  }

  /** Re-lays the group table for at least `interests` rows of `stride` days. */
  private regroup(interests: number, stride: number): void {
    let rows = Math.max(16, this.dayStride === 0 ? 0 : this.groupTable.length / this.dayStride);
    while (rows < interests) rows *= 2;
    const table = new Int32Array(rows * stride).fill(-1);
    const oldStride = this.dayStride;
    for (let ii = 0; oldStride > 0 && ii < this.groupTable.length / oldStride; ii++) {
      table.set(this.groupTable.subarray(ii * oldStride, (ii + 1) * oldStride), ii * stride);
    }
    this.groupTable = table;
    this.dayStride = stride;
  }

  /** Flushes the buffer and drops every name (groups, interests, days). */
  private forgetNames(): void {
    this.flush(false);
    this.interestNames.clear();
    this.dayNames.clear();
    this.namedDays = [];
    this.groupTable = new Int32Array(0);
    this.dayStride = 0;
    this.groupInterest = [];
    this.groupDay = [];
  }

  /**
   * Adds the buffered signals to their buckets: a counting sort by (interest, day) bucket, then
   * one sorted native `addMany` per bucket (small groups element by element). Effective
   * additions are the growth of each bucket, so replays still change nothing (same mutation
   * count, fingerprint and snapshot id).
   *
   * Why a buffer: the loader streams signals ordered by user, so one 50K-signal chunk spreads
   * over ~36K (interest, day) buckets and adding it chunk by chunk is one native call and cache
   * misses per signal (~1 µs per signal with 64-hex ids at 1M users). Across 4M buffered signals
   * the groups are hundreds of slots long, sorted already (slots grow with the stream's users).
   *
   * `release`: a reader's flush hands a grown buffer back, so a loaded index keeps no 32 MB of
   * buffer for the small change streams that follow.
   */
  private flush(release = true): void {
    const n = this.pendingLength;
    if (n === 0) return;
    this.pendingLength = 0;
    const groups = this.groupInterest.length;
    const pendingGroup = this.pendingGroup;
    const pendingSlot = this.pendingSlot;
    const start = new Uint32Array(groups + 1);
    for (let i = 0; i < n; i++) start[pendingGroup[i]! + 1]!++;
    for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, groups);
    const sorted = new Uint32Array(n);
    for (let i = 0; i < n; i++) sorted[fill[pendingGroup[i]!]!++] = pendingSlot[i]!;
    if (release && pendingSlot.length > BUFFER_MIN) {
      this.pendingGroup = new Uint32Array(0);
      this.pendingSlot = new Uint32Array(0);
    }
    for (let g = 0; g < groups; g++) {
      const from = start[g]!;
      const to = start[g + 1]!;
      if (from === to) continue;
      const interestId = this.groupInterest[g]!;
      const day = this.groupDay[g]!;
      const b = this.bucket(interestId, day);
      let added = 0;
      if (to - from < SMALL_GROUP) {
        // Per-element `tryAdd` is one native call each, cheaper than sort + two `size` + `addMany`.
        for (let j = from; j < to; j++) if (b.tryAdd(sorted[j]!)) added++;
      } else {
        const part = sorted.subarray(from, to);
        for (let j = from + 1; j < to; j++) {
          if (sorted[j - 1]! > sorted[j]!) {
            part.sort();
            break;
          }
        }
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
    this.flush();
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
    this.flush();
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
    this.flush();
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
