import { createHash } from 'node:crypto';
import { type InterestCatalog, taxonomyCatalog } from './catalog.js';
import { AudienceError } from './errors.js';

/** Recency windows the index keeps: a user is in interest X if seen with X in the last N days. */
export type RecencyDays = 7 | 30 | 90;
export const RECENCY_WINDOWS: readonly RecencyDays[] = [7, 30, 90];

/** Youngest targetable age; and the top of the range, which means "65 and over". */
export const MIN_AGE = 18;
export const MAX_AGE = 65;

/** An audience spec as an advertiser writes it: AND of OR-groups of interest ids, plus filters. */
export interface AudienceSpecInput {
  /** AND of OR-groups: `[[a, b], [c]]` means (a OR b) AND c. */
  include: string[][];
  /** Nobody with any of these interests (in the same recency window). */
  exclude?: string[];
  /** ISO-3166 alpha-2 codes, any case; empty or absent means every allowed country. */
  countries?: string[];
  /** Inclusive, 18..65; default 18. */
  ageMin?: number;
  /** Inclusive, 18..65 where 65 means "65 and over"; default 65. */
  ageMax?: number;
  /** 7, 30 or 90; default 30. */
  recencyDays?: number;
}

/** The validated, canonical form: equal audiences have deep-equal canonical specs and equal hashes. */
export interface CanonicalSpec {
  /** Each group sorted and deduplicated; no group contains another; groups sorted. */
  readonly include: readonly (readonly string[])[];
  /** Sorted, deduplicated. */
  readonly exclude: readonly string[];
  /** Upper case, sorted, deduplicated; empty means every allowed country. */
  readonly countries: readonly string[];
  readonly ageMin: number;
  readonly ageMax: number;
  readonly recencyDays: RecencyDays;
}

/** Complexity limits (PRIVACY.md: ≤ 5 AND-groups, ≤ 50 interests; nanotargeting defence). */
export interface SpecLimits {
  /** Maximum AND-groups after canonicalisation. Default 5. */
  maxGroups: number;
  /** Maximum distinct interest ids (include + exclude) after canonicalisation. Default 50. */
  maxInterests: number;
}

export const DEFAULT_SPEC_LIMITS: SpecLimits = Object.freeze({ maxGroups: 5, maxInterests: 50 });

/** Options for {@link canonicalizeSpec}: the catalog to validate against and the policy date. */
export interface CanonicalizeOptions {
  catalog?: InterestCatalog;
  /** The date at which the region policy is read. Default: now. */
  at?: Date;
}

/** Raw input size above which a spec is rejected before any work (a DoS guard, not a privacy rule). */
const RAW_ENTRY_FACTOR = 10;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareGroups(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function sortedUnique(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareStrings);
}

/** True when sorted `small` is a subset of sorted `big`. */
function isSubsetSorted(small: readonly string[], big: readonly string[]): boolean {
  let j = 0;
  for (const x of small) {
    while (j < big.length && big[j]! < x) j++;
    if (j >= big.length || big[j] !== x) return false;
    j++;
  }
  return true;
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new AudienceError('INVALID_SPEC', `${field} must be a list of strings.`);
  return value.map((v) => {
    if (typeof v !== 'string') throw new AudienceError('INVALID_SPEC', `${field} must contain only strings.`);
    return v.trim();
  });
}

/**
 * Validates a spec and returns its canonical form.
 *
 * Steps: shape check; ids trimmed; unknown / sensitive interests rejected; countries upper-cased,
 * validated against the dated region policy; ages and recency defaulted and checked; OR-groups
 * sorted and deduplicated; excluded ids removed from OR-groups ((A ∨ B) ∧ ¬B = A ∧ ¬B); empty and
 * duplicate groups dropped; a group that is a superset of another dropped (absorption:
 * A ∧ (A ∨ B) = A); groups sorted; limits checked on the canonical form.
 *
 * A group whose ids are all excluded makes the audience empty by construction; that is almost
 * certainly a mistake, so it is rejected with `CONTRADICTORY_SPEC` rather than answered.
 *
 * @throws AudienceError with a code from {@link AudienceErrorCode}
 */
export function canonicalizeSpec(
  input: AudienceSpecInput,
  limits: Partial<SpecLimits> = {},
  options: CanonicalizeOptions = {},
): CanonicalSpec {
  const lim: SpecLimits = { ...DEFAULT_SPEC_LIMITS, ...limits };
  const catalog = options.catalog ?? taxonomyCatalog;
  const at = options.at ?? new Date();
  if (input === null || typeof input !== 'object')
    throw new AudienceError('INVALID_SPEC', 'The spec must be an object.');
  if (!Array.isArray(input.include)) {
    throw new AudienceError('INVALID_SPEC', 'include must be a list of OR-groups (lists of interest ids).');
  }
  const rawGroups = input.include.map((g, i) => stringList(g, `include[${i}]`));
  const rawExclude =
    input.exclude === undefined || input.exclude === null ? [] : stringList(input.exclude, 'exclude');
  const rawCountries =
    input.countries === undefined || input.countries === null ? [] : stringList(input.countries, 'countries');
  const rawEntries = rawGroups.reduce((n, g) => n + g.length, 0) + rawExclude.length;
  if (
    rawEntries > lim.maxInterests * RAW_ENTRY_FACTOR ||
    rawGroups.length > lim.maxGroups * RAW_ENTRY_FACTOR
  ) {
    throw new AudienceError('SPEC_TOO_COMPLEX', 'The spec is far too large.', {
      maxGroups: lim.maxGroups,
      maxInterests: lim.maxInterests,
    });
  }

  // Interest validation, on every id the advertiser wrote (exclusions included: excluding on a
  // sensitive category is targeting on it too).
  const allIds = sortedUnique([...rawGroups.flat(), ...rawExclude]);
  const blank = allIds.filter((id) => id === '');
  if (blank.length > 0) throw new AudienceError('INVALID_SPEC', 'Interest ids must not be empty.');
  const unknown = allIds.filter((id) => !catalog.isKnownInterest(id));
  if (unknown.length > 0) {
    throw new AudienceError(
      'UNKNOWN_INTEREST',
      `Unknown interest id(s): ${unknown.slice(0, 10).join(', ')}.`,
      {
        interestIds: unknown,
      },
    );
  }
  const sensitive = allIds.filter((id) => catalog.isSensitiveInterest(id));
  if (sensitive.length > 0) {
    throw new AudienceError(
      'SENSITIVE_INTEREST',
      `Interest(s) in a sensitive category cannot be targeted or excluded: ${sensitive.slice(0, 10).join(', ')}.`,
      { interestIds: sensitive },
    );
  }

  // Countries.
  const countries = sortedUnique(rawCountries.map((c) => c.toUpperCase()));
  const malformed = countries.filter((c) => !/^[A-Z]{2}$/.test(c));
  if (malformed.length > 0) {
    throw new AudienceError(
      'UNKNOWN_COUNTRY',
      `Not ISO-3166 alpha-2 country code(s): ${malformed.join(', ')}.`,
      {
        countries: malformed,
      },
    );
  }
  const statuses = countries.map((c) => [c, catalog.countryStatus(c, at)] as const);
  const unknownCountries = statuses.filter(([, s]) => s === 'UNKNOWN').map(([c]) => c);
  if (unknownCountries.length > 0) {
    throw new AudienceError('UNKNOWN_COUNTRY', `Unknown country code(s): ${unknownCountries.join(', ')}.`, {
      countries: unknownCountries,
    });
  }
  const excludedCountries = statuses.filter(([, s]) => s === 'EXCLUDED').map(([c]) => c);
  if (excludedCountries.length > 0) {
    throw new AudienceError(
      'EXCLUDED_COUNTRY',
      `Audiences cannot be built in these regions (region policy): ${excludedCountries.join(', ')}.`,
      { countries: excludedCountries },
    );
  }

  // Ages and recency.
  const ageMin = input.ageMin ?? MIN_AGE;
  const ageMax = input.ageMax ?? MAX_AGE;
  if (
    !Number.isInteger(ageMin) ||
    !Number.isInteger(ageMax) ||
    ageMin < MIN_AGE ||
    ageMax > MAX_AGE ||
    ageMin > ageMax
  ) {
    throw new AudienceError(
      'INVALID_AGE_RANGE',
      `The age range must be whole years with ${MIN_AGE} ≤ ageMin ≤ ageMax ≤ ${MAX_AGE} (65 means 65+).`,
      { ageMin: String(input.ageMin ?? ''), ageMax: String(input.ageMax ?? '') },
    );
  }
  const recency = input.recencyDays ?? 30;
  if (!RECENCY_WINDOWS.includes(recency as RecencyDays)) {
    throw new AudienceError('INVALID_RECENCY', 'recencyDays must be 7, 30 or 90.', {
      recencyDays: String(input.recencyDays),
    });
  }

  // Boolean simplification.
  const exclude = sortedUnique(rawExclude);
  const excluded = new Set(exclude);
  const groups: string[][] = [];
  for (const [i, raw] of rawGroups.entries()) {
    if (raw.length === 0) continue; // an empty group is "no constraint written": dropped
    const kept = sortedUnique(raw.filter((id) => !excluded.has(id)));
    if (kept.length === 0) {
      throw new AudienceError(
        'CONTRADICTORY_SPEC',
        `Every interest of group ${i + 1} is also excluded, so the audience would be empty.`,
        { group: i, interestIds: sortedUnique(raw) },
      );
    }
    groups.push(kept);
  }
  groups.sort(compareGroups);
  const unique = groups.filter((g, i) => i === 0 || compareGroups(g, groups[i - 1]!) !== 0);
  // Absorption: drop any group that strictly contains another group.
  const include = unique.filter(
    (g) => !unique.some((h) => h !== g && h.length < g.length && isSubsetSorted(h, g)),
  );
  if (include.length === 0) {
    throw new AudienceError('EMPTY_SPEC', 'The spec must include at least one interest.');
  }

  const distinct = new Set([...include.flat(), ...exclude]).size;
  if (include.length > lim.maxGroups || distinct > lim.maxInterests) {
    throw new AudienceError(
      'SPEC_TOO_COMPLEX',
      `A spec may have at most ${lim.maxGroups} AND-groups and ${lim.maxInterests} interests in all.`,
      {
        groups: include.length,
        interests: distinct,
        maxGroups: lim.maxGroups,
        maxInterests: lim.maxInterests,
      },
    );
  }

  return Object.freeze({
    include: Object.freeze(include.map((g) => Object.freeze(g))),
    exclude: Object.freeze(exclude),
    countries: Object.freeze(countries),
    ageMin,
    ageMax,
    recencyDays: recency as RecencyDays,
  });
}

/** The canonical JSON of a canonical spec: fixed key order, version-tagged. */
export function canonicalJson(spec: CanonicalSpec): string {
  return JSON.stringify({
    v: 1,
    include: spec.include,
    exclude: spec.exclude,
    countries: spec.countries,
    ageMin: spec.ageMin,
    ageMax: spec.ageMax,
    recencyDays: spec.recencyDays,
  });
}

/** A stable identifier of a canonical spec: hex sha256 of {@link canonicalJson}. */
export function specHash(spec: CanonicalSpec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}
