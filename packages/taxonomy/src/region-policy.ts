import { ISO_COUNTRIES } from './countries-data.js';
import { TaxonomyError } from './errors.js';

/** The policy that applies to one country at one instant. */
export interface CountryPolicy {
  /** ISO 3166-1 alpha-2, upper case (as given, upper-cased, when unknown). */
  code: string;
  /** English short name; the code itself when unknown. */
  name: string;
  excluded: boolean;
  reason: string | null;
}

/** One dated exclusion rule: in force for `from <= at < until` (until = open-ended when absent). */
export interface RegionRule {
  readonly codes: readonly string[];
  /** ISO date (UTC midnight) from which the rule applies. */
  readonly from: string;
  readonly until?: string;
  readonly reason: string;
}

const EU27 = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;

/**
 * The region policy table. Dates are those of the law that motivates each exclusion, so every
 * exclusion predates any event Parlance could hold; a future change is a new row with its own
 * `from` (or an `until` on an old one), never an edit that rewrites the past.
 */
export const REGION_RULES: readonly RegionRule[] = [
  { codes: EU27, from: '2018-05-25', reason: 'EU/EEA: AI-chat signals not used for ads (GDPR)' },
  {
    codes: ['IS', 'LI', 'NO'],
    from: '2018-07-20',
    reason: 'EU/EEA: AI-chat signals not used for ads (GDPR)',
  },
  { codes: ['GB'], from: '2018-05-25', reason: 'UK: AI-chat signals not used for ads (UK GDPR)' },
  { codes: ['KR'], from: '2011-09-30', reason: 'South Korea: AI-chat signals not used for ads (PIPA)' },
];

const parsedRules = REGION_RULES.map((r) => ({
  codes: new Set(r.codes),
  from: Date.parse(`${r.from}T00:00:00Z`),
  until: r.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(`${r.until}T00:00:00Z`),
  reason: r.reason,
}));

function instant(at: Date | undefined): number {
  const t = (at ?? new Date()).getTime();
  if (Number.isNaN(t)) throw new TaxonomyError('INVALID_DATE', 'countryPolicy: `at` is an invalid Date');
  return t;
}

function policyAt(code: string, t: number): CountryPolicy {
  const upper = typeof code === 'string' ? code.trim().toUpperCase() : '';
  if (!/^[A-Z]{2}$/.test(upper)) {
    return { code: upper, name: upper, excluded: true, reason: 'Invalid country code: excluded by default' };
  }
  const name = ISO_COUNTRIES[upper];
  if (name === undefined) {
    return { code: upper, name: upper, excluded: true, reason: 'Unknown country code: excluded by default' };
  }
  for (const r of parsedRules) {
    if (r.codes.has(upper) && r.from <= t && t < r.until)
      return { code: upper, name, excluded: true, reason: r.reason };
  }
  return { code: upper, name, excluded: false, reason: null };
}

/**
 * The policy for an ISO 3166-1 alpha-2 code at `at` (default: now). Case-insensitive.
 * Unknown or malformed codes are excluded (fail closed). Throws TaxonomyError INVALID_DATE.
 */
export function countryPolicy(code: string, at?: Date): CountryPolicy {
  return policyAt(code, instant(at));
}

/** Every ISO 3166-1 alpha-2 country with its policy at `at` (default: now), sorted by code. */
export function listCountries(at?: Date): CountryPolicy[] {
  const t = instant(at);
  return Object.keys(ISO_COUNTRIES)
    .sort()
    .map((code) => policyAt(code, t));
}

/** True when signals from this country must not be used at `at` (default: now). */
export function isExcludedCountry(code: string, at?: Date): boolean {
  return countryPolicy(code, at).excluded;
}
