import type { SensitiveCategory } from '@parlance/taxonomy';
import { getInterest, SENSITIVE_CATEGORIES } from '@parlance/taxonomy';
import type { Bucket, CompiledLexicon, Phrase, Target } from './lexicon.js';
import { defaultLexicon } from './lexicon.js';
import { isNegated } from './negation.js';
import type { Tokens } from './tokenize.js';
import { tokenize } from './tokenize.js';

export interface InterestMatch {
  /** IAB Audience Taxonomy 1.1 unique id. */
  id: string;
  name: string;
  /** 0..1, see {@link classify}. */
  confidence: number;
  /** The surface terms in the message that produced this match (for explanations). */
  matched: string[];
}

export type Classification =
  | { sensitive: true; categories: SensitiveCategory[]; matched: string[] }
  | { sensitive: false; interests: InterestMatch[] };

/** Minimum confidence for an interest to be returned: one strong term, or two weak ones. */
export const MIN_CONFIDENCE = 0.5;

interface Span {
  start: number;
  end: number;
  phrase: Phrase;
}

function phraseAt(t: Tokens, i: number, p: Phrase): boolean {
  const words = p.exact ? t.surface : t.stem;
  const n = p.words.length;
  if (i + n > words.length) return false;
  for (let k = 0; k < n; k++) {
    if (t.brk[i + k]) return false;
    const w = p.words[k] as string;
    const got = words[i + k] as string;
    if (got === w) continue;
    if (w === '#') {
      const c = got.charCodeAt(0);
      if (c >= 48 && c <= 57) continue;
    }
    return false;
  }
  return true;
}

function scanBucket(t: Tokens, i: number, b: Bucket, words: string[], spans: Span[]): void {
  const next = words[i + 1];
  if (next !== undefined && !t.brk[i + 1]) {
    const list = b.next.get(next);
    if (list)
      for (const p of list)
        if (phraseAt(t, i, p)) spans.push({ start: i, end: i + p.words.length, phrase: p });
    if (b.anyNumber.length > 0)
      for (const p of b.anyNumber)
        if (phraseAt(t, i, p)) spans.push({ start: i, end: i + p.words.length, phrase: p });
  }
  for (const p of b.single) spans.push({ start: i, end: i + 1, phrase: p });
}

function findSpans(t: Tokens, lex: CompiledLexicon): Span[] {
  const spans: Span[] = [];
  const n = t.stem.length;
  for (let i = 0; i < n; i++) {
    if (t.brk[i]) continue;
    const byStem = lex.index.get(t.stem[i] as string);
    if (byStem) scanBucket(t, i, byStem, t.stem, spans);
    const byExact = lex.exactIndex.get(t.surface[i] as string);
    if (byExact) scanBucket(t, i, byExact, t.surface, spans);
  }
  if (spans.length < 2) return spans;
  // A match inside a strictly longer one is dropped ("hot dog" hides "dog").
  return spans.filter(
    (a) =>
      !spans.some(
        (b) => b !== a && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start,
      ),
  );
}

function surfaceOf(t: Tokens, s: Span): string {
  return t.surface.slice(s.start, s.end).join(' ');
}

/**
 * Classifies one chat message into IAB interest ids. Deterministic and explainable.
 *
 * - Any sensitive-lexicon match (negated or not) → `{ sensitive: true, categories, matched }`
 *   and no interests at all.
 * - Otherwise each non-negated interest-term match contributes its weight w (0.7 strong,
 *   0.35 weak; each distinct phrase counts once) and confidence = 1 − Π(1 − w), rounded to
 *   3 decimals. An ancestor matched together with a descendant folds its evidence into the
 *   descendant and is not returned (most specific node wins). Interests below
 *   {@link MIN_CONFIDENCE} are dropped, as are interests matched only by generic terms when a
 *   specific interest of the same tier-2 group matched, and interests vetoed by a `NOT` cue
 *   ("capital of" vetoes travel). A term written `term @w1|w2` (sensitive, interest or veto) only
 *   counts when one of those words occurs anywhere in the message. Sorted by confidence, then id.
 */
export function classifyWith(text: string, lex: CompiledLexicon): Classification {
  const t = tokenize(text);
  const spans = findSpans(t, lex);
  if (spans.length === 0) return { sensitive: false, interests: [] };

  // Stems of the whole message, built only when a context-gated term (`term @ctx|ctx`) matched.
  let stems: Set<string> | undefined;
  const inContext = (target: Target): boolean => {
    const ctx = target.context;
    if (!ctx) return true;
    stems ??= new Set(t.stem);
    for (const w of ctx) if (stems.has(w)) return true;
    return false;
  };

  let sensitive: Set<SensitiveCategory> | undefined;
  let sensitiveTerms: string[] | undefined;
  for (const s of spans) {
    for (const target of s.phrase.targets) {
      if (target.kind !== 'sensitive' || !inContext(target)) continue;
      sensitive ??= new Set();
      sensitiveTerms ??= [];
      sensitive.add(target.category);
      const term = surfaceOf(t, s);
      if (!sensitiveTerms.includes(term)) sensitiveTerms.push(term);
    }
  }
  if (sensitive && sensitiveTerms) {
    return {
      sensitive: true,
      categories: SENSITIVE_CATEGORIES.filter((c) => sensitive.has(c)),
      matched: sensitiveTerms,
    };
  }

  const vetoed = new Set<string>();
  for (const s of spans)
    for (const target of s.phrase.targets)
      if (target.kind === 'veto' && inContext(target)) vetoed.add(target.id);
  const acc = new Map<
    string,
    { miss: number; phrases: Set<Phrase>; matched: string[]; specific: boolean; folded?: boolean }
  >();
  for (const s of spans) {
    let negated: boolean | undefined;
    for (const target of s.phrase.targets) {
      if (target.kind !== 'interest' || vetoed.has(target.id) || !inContext(target)) continue;
      negated ??= isNegated(t, s.start, s.end);
      if (negated) break;
      let a = acc.get(target.id);
      if (!a) {
        a = { miss: 1, phrases: new Set(), matched: [], specific: false };
        acc.set(target.id, a);
      }
      if (a.phrases.has(s.phrase)) continue;
      a.phrases.add(s.phrase);
      a.miss *= 1 - target.weight;
      if (!target.generic) a.specific = true;
      const term = surfaceOf(t, s);
      if (!a.matched.includes(term)) a.matched.push(term);
    }
  }
  // Keep the most specific node: an ancestor's evidence folds into its matched descendant
  // ("pixar movie" → Animation Movies, not Animation Movies + Movies).
  for (const id of [...acc.keys()]) {
    let parent = getInterest(id)?.parentId ?? null;
    while (parent !== null) {
      const pa = acc.get(parent);
      const child = acc.get(id);
      if (pa && child) {
        for (const ph of pa.phrases) {
          if (!child.phrases.has(ph)) {
            child.phrases.add(ph);
            const w = ph.targets.find((x) => x.kind === 'interest' && x.id === parent);
            if (w?.kind === 'interest') child.miss *= 1 - w.weight;
          }
        }
        for (const m of pa.matched) if (!child.matched.includes(m)) child.matched.push(m);
        if (pa.specific) child.specific = true;
        pa.folded = true;
      }
      parent = getInterest(parent)?.parentId ?? null;
    }
  }
  // Generic-only interests (`^term`: "recipe", "movie") give way to a specific sibling in the
  // same tier-2 group ("pad thai recipe" → World Cuisines, not also Cooking).
  const specificGroups = new Set<string>();
  for (const [id, a] of acc) if (a.specific && !a.folded) specificGroups.add(getInterest(id)?.path[0] ?? id);
  const interests: InterestMatch[] = [];
  for (const [id, a] of acc) {
    if (a.folded) continue;
    if (!a.specific && specificGroups.has(getInterest(id)?.path[0] ?? id)) continue;
    const confidence = Math.round((1 - a.miss) * 1000) / 1000;
    if (confidence < MIN_CONFIDENCE) continue;
    interests.push({ id, name: getInterest(id)?.name ?? id, confidence, matched: a.matched });
  }
  interests.sort((x, y) => y.confidence - x.confidence || Number(x.id) - Number(y.id));
  return { sensitive: false, interests };
}

/** {@link classifyWith} over the shipped lexicon. */
export function classify(text: string): Classification {
  return classifyWith(text, defaultLexicon());
}
