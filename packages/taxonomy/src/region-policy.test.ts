import { describe, expect, it } from 'vitest';
import { countryPolicy, isExcludedCountry, listCountries, TaxonomyError } from './index.js';

const NOW = new Date('2026-03-01T00:00:00Z');
const EU27 = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');

describe('region policy', () => {
  it.each(EU27.map((c) => [c]))('%s (EU27) is excluded', (code) => {
    expect(countryPolicy(code, NOW)).toMatchObject({
      excluded: true,
      reason: expect.stringMatching(/^EU\/EEA/),
    });
  });

  it.each([
    ['IS', true, /^EU\/EEA/],
    ['LI', true, /^EU\/EEA/],
    ['NO', true, /^EU\/EEA/],
    ['GB', true, /^UK/],
    ['KR', true, /^South Korea/],
    ['US', false, null],
    ['CH', false, null],
    ['JP', false, null],
    ['BR', false, null],
    ['KP', false, null],
  ])('%s excluded=%s', (code, excluded, reason) => {
    const p = countryPolicy(code, NOW);
    expect(p.excluded).toBe(excluded);
    if (reason) expect(p.reason).toMatch(reason);
    else expect(p.reason).toBeNull();
  });

  it.each([
    ['', /Invalid/],
    ['U', /Invalid/],
    ['USA', /Invalid/],
    ['1A', /Invalid/],
    ['ZZ', /Unknown/],
    ['UK', /Unknown/],
    ['EU', /Unknown/],
  ])('%j is excluded (fail closed)', (code, reason) => {
    const p = countryPolicy(code, NOW);
    expect(p.excluded).toBe(true);
    expect(p.reason).toMatch(reason);
    expect(isExcludedCountry(code, NOW)).toBe(true);
  });

  it('is case-insensitive and names the country', () => {
    expect(countryPolicy(' fr ', NOW)).toEqual({
      code: 'FR',
      name: 'France',
      excluded: true,
      reason: 'EU/EEA: AI-chat signals not used for ads (GDPR)',
    });
    expect(countryPolicy('us', NOW)).toEqual({
      code: 'US',
      name: 'United States',
      excluded: false,
      reason: null,
    });
  });

  it('is dated: a rule applies from its effective date', () => {
    expect(isExcludedCountry('DE', new Date('2018-05-24T23:59:59Z'))).toBe(false);
    expect(isExcludedCountry('DE', new Date('2018-05-25T00:00:00Z'))).toBe(true);
    expect(isExcludedCountry('KR', new Date('2011-09-29T00:00:00Z'))).toBe(false);
    expect(isExcludedCountry('KR', new Date('2011-09-30T00:00:00Z'))).toBe(true);
  });

  it('defaults to now', () => {
    expect(isExcludedCountry('DE')).toBe(true);
    expect(isExcludedCountry('US')).toBe(false);
  });

  it('lists all 249 ISO 3166-1 alpha-2 countries, sorted, 32 excluded today', () => {
    const all = listCountries(NOW);
    expect(all).toHaveLength(249);
    expect(all.map((c) => c.code)).toEqual([...all.map((c) => c.code)].sort());
    expect(
      all
        .filter((c) => c.excluded)
        .map((c) => c.code)
        .sort(),
    ).toEqual([...EU27, 'IS', 'LI', 'NO', 'GB', 'KR'].sort());
    for (const c of all) expect(c.code).toMatch(/^[A-Z]{2}$/);
  });

  it('rejects an invalid date with a typed error', () => {
    expect(() => countryPolicy('US', new Date('nope'))).toThrow(TaxonomyError);
  });
});
