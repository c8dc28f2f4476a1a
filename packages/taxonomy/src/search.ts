import { INTERESTS } from './interests.js';
import { normalizeText, searchTokens } from './normalize.js';
import { SEARCH_SYNONYMS } from './synonyms.js';
import type { Interest } from './types.js';

interface SearchEntry {
  readonly interest: Interest;
  /** Each label (name and synonyms) as its singularised token list. */
  readonly labels: readonly (readonly string[])[];
}

const entries: readonly SearchEntry[] = INTERESTS.map((interest) => ({
  interest,
  labels: [interest.name, ...(SEARCH_SYNONYMS[interest.id] ?? [])].map(searchTokens),
}));

const EXACT = 3;
const PREFIX = 2;
const WORD = 1;

function labelScore(label: readonly string[], query: readonly string[]): number {
  if (label.length === query.length && label.every((t, i) => t === query[i])) return EXACT;
  const joinedLabel = label.join(' ');
  const joinedQuery = query.join(' ');
  if (joinedLabel.startsWith(joinedQuery)) return PREFIX;
  // Every query word is a word of the label (the last one may be a prefix, for type-ahead).
  const ok = query.every((q, i) =>
    label.some((t) => t === q || (i === query.length - 1 && q.length >= 3 && t.startsWith(q))),
  );
  return ok ? WORD : 0;
}

/**
 * Searches interests by name and synonyms: case-, accent- and plural-insensitive.
 * Ranked exact > prefix > word match, then shallower tier, then name, then id.
 * Sensitive nodes are excluded unless `includeSensitive` is set. Default limit 20.
 */
export function searchInterests(
  query: string,
  opts: { limit?: number; includeSensitive?: boolean } = {},
): Interest[] {
  const q = searchTokens(query);
  if (q.length === 0 || normalizeText(query) === '') return [];
  const limit = opts.limit ?? 20;
  const scored: { interest: Interest; score: number }[] = [];
  for (const e of entries) {
    if (!opts.includeSensitive && e.interest.sensitive !== null) continue;
    let best = 0;
    for (const label of e.labels) best = Math.max(best, labelScore(label, q));
    if (best > 0) scored.push({ interest: e.interest, score: best });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.interest.tier - b.interest.tier ||
      a.interest.name.localeCompare(b.interest.name, 'en') ||
      Number(a.interest.id) - Number(b.interest.id),
  );
  return scored.slice(0, Math.max(0, limit)).map((s) => s.interest);
}
