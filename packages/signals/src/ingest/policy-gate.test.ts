import { isExcludedCountry } from '@parlance/taxonomy';
import { describe, expect, it } from 'vitest';
import { gateProfile, type ProfileState, youngestAgeAt } from './policy-gate.js';

const at = new Date('2025-06-10T00:00:00Z');
const base: ProfileState = { country: 'US', birthYear: 1990, optedOut: false, profileAt: at };

describe('policy gate', () => {
  it.each([
    ['an adult in the US', base, undefined],
    ['a user in France', { ...base, country: 'FR' }, 'EXCLUDED_REGION'],
    ['a user in the UK', { ...base, country: 'GB' }, 'EXCLUDED_REGION'],
    ['a user in South Korea', { ...base, country: 'KR' }, 'EXCLUDED_REGION'],
    ['a user in Norway (EEA)', { ...base, country: 'NO' }, 'EXCLUDED_REGION'],
    ['an unknown country', { ...base, country: 'ZZ' }, 'EXCLUDED_REGION'],
    ['a minor in France', { ...base, country: 'FR', birthYear: 2010 }, 'EXCLUDED_REGION'],
    ['someone born 2007 (may be 17)', { ...base, birthYear: 2007 }, 'UNDER_AGE'],
    ['someone born 2006', { ...base, birthYear: 2006 }, undefined],
    ['an opted-out minor', { ...base, birthYear: 2012, optedOut: true }, 'UNDER_AGE'],
    ['an opted-out adult', { ...base, optedOut: true }, 'OPTED_OUT'],
  ] as const)('%s → %s', (_name, profile, expected) => {
    expect(gateProfile(profile, at, isExcludedCountry)).toBe(expected);
  });

  it('takes the youngest possible age from a birth year', () => {
    expect(youngestAgeAt(2000, new Date('2018-12-31T23:59:59Z'))).toBe(17);
    expect(youngestAgeAt(2000, new Date('2019-01-01T00:00:00Z'))).toBe(18);
  });
});
