import { listCountries as policyCountries } from '@parlance/taxonomy';
import type { Country } from './country.type.js';

export function listCountries(now: Date = new Date()): Country[] {
  return policyCountries(now).map((c) => ({
    code: c.code,
    name: c.name,
    excluded: c.excluded,
    reason: c.reason,
  }));
}
