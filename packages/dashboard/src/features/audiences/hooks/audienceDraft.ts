import type { VariablesOf } from '../../../graphql/graphql.ts';
import type { AudienceEstimateQuery } from './useEstimate.ts';

export type AudienceSpecInput = VariablesOf<typeof AudienceEstimateQuery>['spec'];

/** An interest as a chip: what the builder needs to show it; the API only ever gets the id. */
export interface ChipInterest {
  id: string;
  name: string;
  path: readonly string[];
}

export const RECENCY_OPTIONS = [7, 30, 90] as const;
export type RecencyDays = (typeof RECENCY_OPTIONS)[number];
export const AGE_MIN = 18;
/** The top of the age slider means "65 and over": no upper bound is sent. */
export const AGE_TOP = 65;
/** The server's default spec limits (PRIVACY.md); it enforces them, the builder just says so early. */
export const MAX_GROUPS = 5;
export const MAX_INTERESTS = 50;

export interface AudienceDraft {
  /** AND of these groups; each group is an OR of its interests. */
  groups: ChipInterest[][];
  exclude: ChipInterest[];
  /** Empty means every eligible country. */
  countries: string[];
  ageMin: number;
  /** null = no upper bound (65+). */
  ageMax: number | null;
  recencyDays: RecencyDays;
}

export type DraftTarget = number | 'exclude';

export type DraftAction =
  | { type: 'add'; target: DraftTarget; interest: ChipInterest }
  | { type: 'remove'; target: DraftTarget; id: string }
  | { type: 'addGroup' }
  | { type: 'removeGroup'; index: number }
  | { type: 'countries'; countries: string[] }
  | { type: 'age'; ageMin: number; ageMax: number | null }
  | { type: 'recency'; recencyDays: RecencyDays }
  | { type: 'load'; draft: AudienceDraft };

export const EMPTY_DRAFT: AudienceDraft = {
  groups: [[]],
  exclude: [],
  countries: [],
  ageMin: AGE_MIN,
  ageMax: null,
  recencyDays: 30,
};

export function interestCount(draft: AudienceDraft): number {
  return draft.groups.reduce((n, g) => n + g.length, 0) + draft.exclude.length;
}

export function draftReducer(draft: AudienceDraft, action: DraftAction): AudienceDraft {
  switch (action.type) {
    case 'add': {
      if (interestCount(draft) >= MAX_INTERESTS) return draft;
      if (action.target === 'exclude') {
        if (draft.exclude.some((i) => i.id === action.interest.id)) return draft;
        return { ...draft, exclude: [...draft.exclude, action.interest] };
      }
      const index = Math.min(action.target, draft.groups.length - 1);
      const group = draft.groups[index] ?? [];
      if (group.some((i) => i.id === action.interest.id)) return draft;
      const groups = draft.groups.map((g, i) => (i === index ? [...g, action.interest] : g));
      return { ...draft, groups };
    }
    case 'remove': {
      if (action.target === 'exclude')
        return { ...draft, exclude: draft.exclude.filter((i) => i.id !== action.id) };
      const groups = draft.groups.map((g, i) =>
        i === action.target ? g.filter((x) => x.id !== action.id) : g,
      );
      return { ...draft, groups };
    }
    case 'addGroup':
      if (draft.groups.length >= MAX_GROUPS) return draft;
      return { ...draft, groups: [...draft.groups, []] };
    case 'removeGroup': {
      const groups = draft.groups.filter((_, i) => i !== action.index);
      return { ...draft, groups: groups.length > 0 ? groups : [[]] };
    }
    case 'countries':
      return { ...draft, countries: [...action.countries] };
    case 'age': {
      const ageMin = Math.max(AGE_MIN, Math.min(action.ageMin, AGE_TOP));
      const ageMax =
        action.ageMax === null || action.ageMax >= AGE_TOP ? null : Math.max(ageMin, action.ageMax);
      return { ...draft, ageMin, ageMax };
    }
    case 'recency':
      return { ...draft, recencyDays: action.recencyDays };
    case 'load':
      return action.draft;
  }
}

/** True when the draft names at least one interest to include: only then is there anything to size. */
export function isSizeable(draft: AudienceDraft): boolean {
  return draft.groups.some((g) => g.length > 0);
}

/** The spec the API gets. Ids only; empty groups dropped; no client-side canonicalisation beyond that. */
export function toSpecInput(draft: AudienceDraft): AudienceSpecInput {
  return {
    include: draft.groups.filter((g) => g.length > 0).map((g) => g.map((i) => i.id)),
    exclude: draft.exclude.map((i) => i.id),
    countries: draft.countries,
    ageMin: draft.ageMin,
    ageMax: draft.ageMax,
    recencyDays: draft.recencyDays,
  };
}

/** A spec as the API stores it: interest ids only. */
export interface StoredSpec {
  include: readonly (readonly string[])[];
  exclude: readonly string[];
  countries: readonly string[];
  ageMin?: number | null;
  ageMax?: number | null;
  recencyDays?: number | null;
}

export function specIds(spec: StoredSpec): string[] {
  return [...spec.include.flat(), ...spec.exclude];
}

/**
 * A stored spec back into an editable draft. `resolve` names each id; ids it cannot name (null:
 * unknown or sensitive) are left out, so a sensitive interest never reaches the screen.
 */
export function draftFromSpec(spec: StoredSpec, resolve: (id: string) => ChipInterest | null): AudienceDraft {
  const recency = RECENCY_OPTIONS.find((r) => r === spec.recencyDays) ?? 30;
  const named = (ids: readonly string[]) => ids.map(resolve).filter((i): i is ChipInterest => i !== null);
  const groups = spec.include.map(named).filter((g) => g.length > 0);
  return {
    groups: groups.length > 0 ? groups : [[]],
    exclude: named(spec.exclude),
    countries: [...spec.countries],
    ageMin: spec.ageMin ?? AGE_MIN,
    ageMax: spec.ageMax ?? null,
    recencyDays: recency,
  };
}
