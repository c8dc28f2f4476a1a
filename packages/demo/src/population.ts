import { WeightedTable } from './prng.js';

/**
 * Country mix of a global assistant's audience (rough shares, in percent). It deliberately
 * includes EU/EEA, UK and South Korea users, about a fifth of the population, so the region
 * exclusion is visible in every count.
 */
export const COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
  US: 17,
  IN: 11,
  BR: 6,
  ID: 4,
  MX: 3.5,
  JP: 3,
  PH: 3,
  CA: 2.5,
  AU: 1.6,
  NG: 2,
  PK: 1.8,
  VN: 1.8,
  TR: 1.8,
  EG: 1.4,
  TH: 1.4,
  CO: 1.2,
  AR: 1.2,
  ZA: 1,
  MY: 1,
  SA: 1,
  TW: 0.9,
  KE: 0.6,
  CL: 0.6,
  PE: 0.6,
  AE: 0.6,
  SG: 0.5,
  NZ: 0.4,
  CH: 0.5,
  // excluded regions: EU/EEA, UK, South Korea
  GB: 4,
  DE: 4,
  FR: 3.5,
  KR: 3,
  ES: 2.4,
  IT: 2.2,
  PL: 1.2,
  NL: 1,
  SE: 0.6,
  BE: 0.5,
  PT: 0.5,
  IE: 0.4,
  AT: 0.4,
  NO: 0.3,
  DK: 0.3,
  FI: 0.3,
  GR: 0.3,
};

/** The countries above that the region policy excludes (EU/EEA, UK, South Korea). */
export const DEMO_EXCLUDED_COUNTRIES: ReadonlySet<string> = new Set([
  'GB',
  'DE',
  'FR',
  'KR',
  'ES',
  'IT',
  'PL',
  'NL',
  'SE',
  'BE',
  'PT',
  'IE',
  'AT',
  'NO',
  'DK',
  'FI',
  'GR',
]);

export const COUNTRY_TABLE = new WeightedTable(Object.keys(COUNTRY_WEIGHTS), Object.values(COUNTRY_WEIGHTS));

/** Age bands [min, max] with their share of users: 13–80, about 7 % minors. */
export const AGE_TABLE = new WeightedTable<readonly [number, number]>(
  [
    [13, 17],
    [18, 24],
    [25, 34],
    [35, 44],
    [45, 54],
    [55, 64],
    [65, 80],
  ],
  [7, 21, 27, 19, 13, 8, 5],
);

/** Client surfaces a chat message can come from. */
export const SURFACE_TABLE = new WeightedTable(['app', 'web', 'api'], [60, 36, 4]);

/** Share of users opted out from their first profile event. */
export const OPTED_OUT_SHARE = 0.02;
/** Share of users who opt out later, with a second profile event mid-way. */
export const LATER_OPT_OUT_SHARE = 0.01;
