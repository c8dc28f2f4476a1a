import type { Tokens } from './tokenize.js';

/** Stems that negate what follows in the same clause on their own ("I hate golf"). */
const AVERSION = new Set(['hate', 'dislik', 'detest', 'loath', 'despis', 'abhor']);
/** After "not / never / no": these turn it into a negated interest ("not into", "don't play"). */
const LIKING = new Set([
  'into', 'fan', 'like', 'love', 'enjoy', 'care', 'interest', 'play', 'watch', 'follow', 'do', 'keen', 'fond',
  'stand', 'listen', 'read', 'bother', 'want', 'wanna', 'big', 'much', 'person', 'own', 'have', 'go',
]);
const FILLER = new Set(['a', 'an', 'the', 'really', 'realli', 'that', 'at', 'all', 'even', 'ever', 'huge', 'particularli', 'veri', 'much']);
const NEGATORS = new Set(['not', 'never', 'no', 'nor', 'neither']);
/** Words after a match that negate it ("golf is boring", "golf isn't my thing"). */
const POST_AVERSION = new Set(['bore', 'suck', 'overr', 'overrat', 'lame', 'hate']);
/** Words that end a negation's scope going backwards. */
const SCOPE_BREAK = new Set(['but', 'though', 'although', 'howev', 'except', 'while', 'wherea', 'yet', 'instead', 'so']);

const PRE_WINDOW = 6;
const POST_WINDOW = 4;

/**
 * Is the match spanning tokens [start, end) negated? Looks back up to 6 tokens within the clause
 * for an aversion word or "not/never/no" + a liking verb, and ahead up to 4 tokens for
 * "boring", "sucks", "not for me", "not my thing".
 */
export function isNegated(t: Tokens, start: number, end: number): boolean {
  const stem = t.stem;
  for (let i = start - 1; i >= 0 && i >= start - PRE_WINDOW; i--) {
    if (t.brk[i]) break;
    const s = stem[i] as string;
    if (AVERSION.has(s)) return true;
    if (NEGATORS.has(s)) {
      let j = i + 1;
      while (j < start && FILLER.has(stem[j] as string)) j++;
      // "no golf for me", "tennis, not golf", "not into golf", "don't play golf"
      if (j >= start || LIKING.has(stem[j] as string)) return true;
      continue;
    }
    if (LIKING.has(s)) {
      // A liking verb decides: negated only when a negator precedes it ("I love golf" ends the scan).
      let k = i - 1;
      while (k >= 0 && FILLER.has(stem[k] as string)) k--;
      return k >= 0 && NEGATORS.has(stem[k] as string);
    }
    if (SCOPE_BREAK.has(s)) break;
  }
  for (let i = end; i < t.stem.length && i < end + POST_WINDOW; i++) {
    if (t.brk[i]) break;
    const s = stem[i] as string;
    if (s === 'but') break;
    if (POST_AVERSION.has(s)) return true;
    if (s === 'not' || s === 'never') {
      const next = stem[i + 1];
      if (next === 'for' || next === 'my' || next === 'realli' || next === 'fun' || next === 'worth') return true;
    }
  }
  return false;
}
