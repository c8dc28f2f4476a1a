/**
 * The policy gate: pure decisions on what a profile allows. Order matters only for which
 * reason is reported when several apply; the first in `GATE_ORDER` wins.
 */

/** What the gate knows of a user (from the `profiles` table or an earlier event of the batch). */
export interface ProfileState {
  country: string;
  birthYear: number;
  optedOut: boolean;
  profileAt: Date;
}

export type GateReason = 'EXCLUDED_REGION' | 'UNDER_AGE' | 'OPTED_OUT';

/** Region policy: is `country` (ISO alpha-2) excluded at time `at`? Unknown codes are excluded. */
export type RegionPolicy = (country: string, at: Date) => boolean;

/** Minimum age for a user to produce signals. */
export const MIN_AGE = 18;

/**
 * Only the birth year is known, so the gate takes the youngest age the user can have at `at`:
 * someone born in 2007 may still be 17 on 31 December 2025. Privacy wins the tie.
 */
export function youngestAgeAt(birthYear: number, at: Date): number {
  return at.getUTCFullYear() - birthYear - 1;
}

/**
 * Why a user with this profile may not produce signals at `at`, or `undefined` when they may.
 * Checked in order: excluded region (dated policy), age under 18, opted out.
 */
export function gateProfile(
  profile: ProfileState,
  at: Date,
  isExcluded: RegionPolicy,
): GateReason | undefined {
  if (isExcluded(profile.country, at)) return 'EXCLUDED_REGION';
  if (youngestAgeAt(profile.birthYear, at) < MIN_AGE) return 'UNDER_AGE';
  if (profile.optedOut) return 'OPTED_OUT';
  return undefined;
}
