import { getInterest, isExcludedCountry, isSensitiveInterest, listCountries } from '@parlance/taxonomy';

/** Whether a country may be targeted at a given time. */
export type CountryStatus = 'ALLOWED' | 'EXCLUDED' | 'UNKNOWN';

/**
 * What the spec validator needs to know about interests and countries. The default is backed by
 * `@parlance/taxonomy`; tests and benchmarks pass small fixtures.
 */
export interface InterestCatalog {
  /** True when the interest id exists in the taxonomy. */
  isKnownInterest(id: string): boolean;
  /** True when the interest is (or descends from) a sensitive category: never targetable. */
  isSensitiveInterest(id: string): boolean;
  /** The region policy for an ISO-3166 alpha-2 code (upper case) at `at`. */
  countryStatus(code: string, at: Date): CountryStatus;
}

let knownCountries: { day: string; codes: Set<string> } | undefined;

/** The catalog backed by `@parlance/taxonomy` (IAB interests, sensitive deny-list, dated region policy). */
export const taxonomyCatalog: InterestCatalog = {
  isKnownInterest: (id) => getInterest(id) !== undefined,
  isSensitiveInterest: (id) => isSensitiveInterest(id),
  countryStatus(code, at) {
    const day = at.toISOString().slice(0, 10);
    if (knownCountries?.day !== day) {
      knownCountries = { day, codes: new Set(listCountries(at).map((c) => c.code)) };
    }
    if (!knownCountries.codes.has(code)) return 'UNKNOWN';
    return isExcludedCountry(code, at) ? 'EXCLUDED' : 'ALLOWED';
  },
};

/**
 * A catalog over explicit lists, for tests and benchmarks.
 * @param interests - known interest ids
 * @param options - sensitive ids, allowed and excluded country codes
 */
export function fixtureCatalog(
  interests: Iterable<string>,
  options: {
    sensitive?: Iterable<string>;
    countries?: Iterable<string>;
    excludedCountries?: Iterable<string>;
  } = {},
): InterestCatalog {
  const known = new Set(interests);
  const sensitive = new Set(options.sensitive ?? []);
  for (const s of sensitive) known.add(s);
  const allowed = new Set(options.countries ?? ['US', 'CA', 'BR', 'MX', 'JP', 'IN', 'AU', 'NG', 'ZA', 'AR']);
  const excluded = new Set(options.excludedCountries ?? ['DE', 'FR', 'GB', 'KR', 'IT', 'ES', 'NL']);
  return {
    isKnownInterest: (id) => known.has(id),
    isSensitiveInterest: (id) => sensitive.has(id),
    countryStatus: (code) => (excluded.has(code) ? 'EXCLUDED' : allowed.has(code) ? 'ALLOWED' : 'UNKNOWN'),
  };
}
