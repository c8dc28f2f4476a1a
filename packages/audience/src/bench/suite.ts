import type { AudienceSpecInput } from '../spec.js';
import { BENCH_COUNTRIES, benchInterestId as b } from './population.js';

/** The fixed suite. Interest ranks: 0 is the most popular of 400. */
export const SINGLE: AudienceSpecInput = { include: [[b(20)]] };
export const COMPOSITE: AudienceSpecInput[] = [0, 1, 2, 3, 4].map((v) => ({
  include: [
    [b(5 + v), b(25 + v), b(45 + v), b(65 + v), b(85 + v)],
    [b(11 + v), b(31 + v), b(51 + v), b(71 + v), b(91 + v)],
    [b(2 + v), b(22 + v), b(42 + v), b(62 + v), b(82 + v)],
  ],
  exclude: [b(100 + v), b(140 + v), b(180 + v)],
  countries: BENCH_COUNTRIES.slice(v % 3, (v % 3) + 5),
  ageMin: 25,
  ageMax: 54,
}));
