import { readFileSync } from 'node:fs';
import type { SensitiveCategory } from '@parlance/taxonomy';
import { getInterest, isSensitiveInterest, SENSITIVE_CATEGORIES } from '@parlance/taxonomy';
import { ClassifierError } from './errors.js';
import { stemWord, tokenize } from './tokenize.js';

/** Weight of a strong term (default) and of a weak one (`~term`): see {@link classify} for confidence. */
export const STRONG_WEIGHT = 0.7;
export const WEAK_WEIGHT = 0.35;

/**
 * What a matched phrase does. `context` (from `term @word|word`): the target only applies when one
 * of these stems occurs anywhere in the message ("sentence @judge|prison", "irons @golf|swing").
 */
export type Target = (
  | { readonly kind: 'interest'; readonly id: string; readonly weight: number; readonly generic: boolean }
  | { readonly kind: 'veto'; readonly id: string }
  | { readonly kind: 'sensitive'; readonly category: SensitiveCategory }
  | { readonly kind: 'block' }
) & { readonly context?: readonly string[] };

/**
 * A compiled phrase: match either on stems (default) or on exact surface words (`=term`).
 * The word `#` matches any token that starts with a digit ("lose # pounds").
 */
export interface Phrase {
  readonly words: readonly string[];
  readonly exact: boolean;
  readonly targets: Target[];
}

/**
 * Phrases that start with one word, split by their second word so a scan only tries phrases
 * that can match ("my" alone starts hundreds of phrases). Lists are sorted longest first.
 */
export interface Bucket {
  /** One-word phrases (at most one per key, but kept as a list). */
  readonly single: Phrase[];
  /** Key: second word (stem, or surface for exact phrases). */
  readonly next: Map<string, Phrase[]>;
  /** Phrases whose second word is `#` (any number). */
  readonly anyNumber: Phrase[];
}

export interface CompiledLexicon {
  /** Key: first stem of a stem phrase. */
  readonly index: Map<string, Bucket>;
  /** Key: first surface word of an exact (`=`) phrase. */
  readonly exactIndex: Map<string, Bucket>;
  /** Every compiled phrase (for audits and tests). */
  readonly phrases: readonly Phrase[];
  readonly interestIds: readonly string[];
  readonly termCount: number;
}

/** Single-word terms must not stem to one of these (Porter turns "innings" into "in"). */
const STOP_STEMS = new Set([
  'in',
  'on',
  'at',
  'a',
  'an',
  'the',
  'is',
  'it',
  'to',
  'of',
  'and',
  'or',
  'for',
  'i',
  'you',
  'be',
  'as',
  'by',
  'so',
  'do',
  'no',
  'not',
  'my',
  'me',
  'we',
  'us',
  'up',
]);

interface RawLine {
  readonly key: string;
  readonly terms: readonly string[];
  readonly lineNo: number;
  readonly file: string;
}

function parseLines(text: string, file: string): RawLine[] {
  const out: RawLine[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const colon = trimmed.indexOf(':');
    if (colon < 0) throw new ClassifierError('LEXICON_INVALID', `${file}:${i + 1}: missing ':'`);
    const key = trimmed.slice(0, colon).trim();
    const terms = trimmed
      .slice(colon + 1)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    out.push({ key, terms, lineNo: i + 1, file });
  });
  return out;
}

/**
 * Compiles the interest lexicon (`<iab id> <name>: term, ~weak term, =exact term`, or
 * `BLOCK: term` for phrases that must not match anything) and the sensitive lexicon
 * (`<SENSITIVE_CATEGORY>: term, ...`). Throws ClassifierError LEXICON_INVALID on any bad line,
 * unknown id or a sensitive taxonomy node in the interest lexicon.
 */
export function compileLexicon(interestText: string, sensitiveText: string): CompiledLexicon {
  const index = new Map<string, Bucket>();
  const exactIndex = new Map<string, Bucket>();
  const byKey = new Map<string, Phrase>();
  const interestIds = new Set<string>();
  let termCount = 0;

  const add = (term: string, target: Target, where: string) => {
    let t = term;
    let context: string[] | undefined;
    const at = t.indexOf('@');
    if (at >= 0) {
      context = t
        .slice(at + 1)
        .split('|')
        .map((w) => w.trim().toLowerCase())
        .filter((w) => w !== '')
        .map(stemWord);
      t = t.slice(0, at).trim();
      if (context.length === 0 || context.some((w) => !/^[a-z0-9]+$/.test(w)))
        throw new ClassifierError(
          'LEXICON_INVALID',
          `${where}: ${JSON.stringify(term)}: context must be single words after @, separated by |`,
        );
    }
    let exact = false;
    let weak = false;
    let generic = false;
    for (;;) {
      if (t.startsWith('~')) weak = true;
      else if (t.startsWith('^')) generic = true;
      else if (t.startsWith('=')) exact = true;
      else break;
      t = t.slice(1);
    }
    const toks = tokenize(t);
    const words = (exact ? toks.surface : toks.stem).filter((_, i) => !toks.brk[i]);
    if (words.length === 1 && !exact && STOP_STEMS.has(words[0] as string)) {
      throw new ClassifierError(
        'LEXICON_INVALID',
        `${where}: ${JSON.stringify(term)} stems to a stopword; use =term`,
      );
    }
    if (words.length === 0)
      throw new ClassifierError('LEXICON_INVALID', `${where}: empty term ${JSON.stringify(term)}`);
    let finalTarget: Target =
      target.kind === 'interest'
        ? { ...target, weight: weak ? WEAK_WEIGHT : target.weight, generic }
        : target;
    if (context) finalTarget = { ...finalTarget, context };
    const key = `${exact ? '=' : ''}${words.join(' ')}`;
    let phrase = byKey.get(key);
    if (!phrase) {
      phrase = { words, exact, targets: [] };
      byKey.set(key, phrase);
      if (words[0] === '#')
        throw new ClassifierError('LEXICON_INVALID', `${where}: a term cannot start with #`);
      const target = exact ? exactIndex : index;
      const first = words[0] as string;
      let bucket = target.get(first);
      if (!bucket) {
        bucket = { single: [], next: new Map(), anyNumber: [] };
        target.set(first, bucket);
      }
      const second = words[1];
      if (second === undefined) bucket.single.push(phrase);
      else if (second === '#') bucket.anyNumber.push(phrase);
      else {
        const list = bucket.next.get(second) ?? [];
        list.push(phrase);
        bucket.next.set(second, list);
      }
    }
    phrase.targets.push(finalTarget);
    termCount++;
  };

  for (const line of parseLines(interestText, 'interests.txt')) {
    const where = `${line.file}:${line.lineNo}`;
    if (line.key === 'BLOCK') {
      for (const term of line.terms) add(term, { kind: 'block' }, where);
      continue;
    }
    if (line.key.startsWith('NOT ')) {
      // `NOT <id> <id>…: cue, …` — a cue anywhere in the message vetoes those interests.
      for (const id of line.key.slice(4).trim().split(/\s+/)) {
        if (!getInterest(id)) throw new ClassifierError('LEXICON_INVALID', `${where}: unknown IAB id ${id}`);
        for (const term of line.terms) add(term, { kind: 'veto', id }, where);
      }
      continue;
    }
    const id = line.key.split(/\s+/)[0] ?? '';
    if (!getInterest(id)) throw new ClassifierError('LEXICON_INVALID', `${where}: unknown IAB id ${id}`);
    if (isSensitiveInterest(id))
      throw new ClassifierError('LEXICON_INVALID', `${where}: ${id} is a sensitive node`);
    interestIds.add(id);
    for (const term of line.terms)
      add(term, { kind: 'interest', id, weight: STRONG_WEIGHT, generic: false }, where);
  }
  for (const line of parseLines(sensitiveText, 'sensitive.txt')) {
    const where = `${line.file}:${line.lineNo}`;
    const category = SENSITIVE_CATEGORIES.find((c) => c === line.key);
    if (!category) throw new ClassifierError('LEXICON_INVALID', `${where}: unknown category ${line.key}`);
    for (const term of line.terms) add(term, { kind: 'sensitive', category }, where);
  }
  const longestFirst = (a: Phrase, b: Phrase) => b.words.length - a.words.length;
  for (const bucket of [...index.values(), ...exactIndex.values()]) {
    bucket.anyNumber.sort(longestFirst);
    for (const list of bucket.next.values()) list.sort(longestFirst);
  }
  return {
    index,
    exactIndex,
    phrases: [...byKey.values()],
    interestIds: [...interestIds].sort((a, b) => Number(a) - Number(b)),
    termCount,
  };
}

let cached: CompiledLexicon | undefined;

/** The shipped lexicon (packages/signals/data/lexicon), compiled once per process. */
export function defaultLexicon(): CompiledLexicon {
  if (!cached) {
    const dir = new URL('../../data/lexicon/', import.meta.url);
    cached = compileLexicon(
      readFileSync(new URL('interests.txt', dir), 'utf8'),
      readFileSync(new URL('sensitive.txt', dir), 'utf8'),
    );
  }
  return cached;
}

export { stemWord };
