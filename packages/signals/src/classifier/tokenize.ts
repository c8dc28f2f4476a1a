import { stemmer } from 'stemmer';

/** A tokenised message: parallel arrays, cheap to build and scan. `brk[i]` marks a clause break. */
export interface Tokens {
  readonly surface: string[];
  readonly stem: string[];
  readonly brk: boolean[];
}

const BREAK_CHARS = new Set([...'.,;:!?()/'].map((ch) => ch.charCodeAt(0)));
const isLetter = (c: number) => c >= 97 && c <= 122;
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Informal contractions without an apostrophe, and a few chat spellings, as the words they stand for. */
const EXPANSIONS: Readonly<Record<string, readonly string[]>> = {
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  wont: ['will', 'not'],
  isnt: ['is', 'not'],
  arent: ['are', 'not'],
  wasnt: ['was', 'not'],
  werent: ['were', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  aint: ['is', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  couldnt: ['could', 'not'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  ur: ['your'],
  u: ['you'],
};

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/** Porter stem of a lower-case word, memoised (the vocabulary of chat is small and repetitive). */
export function stemWord(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length <= 2 || /\d/.test(word) ? word : stemmer(word);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function push(t: Tokens, word: string): void {
  t.surface.push(word);
  t.stem.push(stemWord(word));
  t.brk.push(false);
}

function addWord(t: Tokens, raw: string): void {
  const apos = raw.indexOf("'");
  if (apos >= 0) {
    const head = raw.slice(0, apos);
    const tail = raw.slice(apos + 1);
    if (tail === 't' && head.endsWith('n')) {
      push(t, head === 'won' ? 'will' : head === 'can' ? 'can' : head.slice(0, -1));
      push(t, 'not');
    } else if (tail === 'm') {
      push(t, head);
      push(t, 'am');
    } else if (tail === 's' || tail === 'd' || tail === 'll' || tail === 've' || tail === 're') {
      push(t, head);
    } else {
      push(t, head);
      push(t, tail);
    }
    return;
  }
  const exp = EXPANSIONS[raw];
  if (exp) for (const w of exp) push(t, w);
  else push(t, raw);
}

/** Lower-cases, strips accents, splits into words and clause-break tokens, expands contractions, stems. */
export function tokenize(text: string): Tokens {
  let norm = text.toLowerCase();
  // Accents only cost a normalisation pass when there is a non-ASCII character.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  if (/[^\x00-\x7f]/.test(norm)) {
    norm = norm
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019\u02bc]/g, "'");
  }
  const t: Tokens = { surface: [], stem: [], brk: [] };
  // A hand-written scanner (no regex match objects): words are [a-z0-9]+ with at most one
  // internal apostrophe; . , ; : ! ? ( ) / are clause breaks; '#' is a word; the rest separates.
  const n = norm.length;
  let i = 0;
  while (i < n) {
    const c = norm.charCodeAt(i);
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(norm.charCodeAt(j))) j++;
      if (j + 1 < n && norm.charCodeAt(j) === 39 && isLetter(norm.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isLetter(norm.charCodeAt(j))) j++;
      }
      addWord(t, norm.slice(i, j));
      i = j;
    } else {
      if (c === 35) push(t, '#');
      else if (BREAK_CHARS.has(c)) {
        const ch = norm[i] as string;
        t.surface.push(ch);
        t.stem.push(ch);
        t.brk.push(true);
      }
      i++;
    }
  }
  return t;
}
