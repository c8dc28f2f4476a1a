import type { Tokens } from './tokenize.js';
import { stemWord } from './tokenize.js';

const stems = (words: string): Set<string> => new Set(words.split(' ').map(stemWord));

/** Words that negate what follows in the same clause on their own ("I hate golf"). */
const AVERSION = stems('hate hated hates dislike dislikes detest loathe despise abhor');
/** After "not / never / no": these turn it into a negated interest ("not into", "don't play"). */
const LIKING = stems(
  'into fan like love enjoy care interested play watch follow do keen fond stand listen read bother want wanna person own have go',
);
const FILLER = stems(
  'a an the really that at all even ever huge big great particularly very much been be was is am are too',
);
const NEGATORS = stems('not never no nor neither');
/** Words after a match that negate it ("golf is boring", "golf isn't my thing"). */
const POST_AVERSION = stems('boring bores sucks overrated lame hate scam cringe');
/** Object pronouns that tie a later aversion back to the match ("golf? i can't stand it"). */
const PRONOUN = stems('it them that this');
/** Words that end a negation's scope going backwards. */
const SCOPE_BREAK = new Set([
  'but',
  'though',
  'although',
  'howev',
  'except',
  'while',
  'wherea',
  'yet',
  'instead',
  'so',
]);

const PRE_WINDOW = 6;
const TIRED = stemWord('tired');
const STAND = stemWord('stand');
/** "golf is not for me / not my thing / not really fun / not worth it" */
const POST_NOT = stems('for my really fun worth');
const POST_WINDOW = 4;
const POST_PRONOUN_WINDOW = 12;

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
    // "so over X", "sick of X", "tired of X", "done with X"
    if (
      (s === 'over' && stem[i - 1] === 'so') ||
      (s === 'of' && (stem[i - 1] === 'sick' || stem[i - 1] === TIRED))
    ) {
      return true;
    }
    if (NEGATORS.has(s)) {
      let j = i + 1;
      while (j < start && FILLER.has(stem[j] as string)) j++;
      // "no golf for me", "tennis, not golf", "not into golf", "don't play golf"
      if (j >= start || LIKING.has(stem[j] as string)) return true;
      continue;
    }
    if (LIKING.has(s)) {
      // A liking verb decides the pre-scan: negated only when a negator precedes it ("I love golf" ends it).
      let k = i - 1;
      while (k >= 0 && FILLER.has(stem[k] as string)) k--;
      if (k >= 0 && NEGATORS.has(stem[k] as string)) return true;
      break;
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
      if (next !== undefined && POST_NOT.has(next)) return true;
    }
  }
  // "… X but I can't stand it" / "X, honestly I hate it": an aversion aimed back at the match.
  for (let i = end; i < t.stem.length && i < end + POST_PRONOUN_WINDOW; i++) {
    if (!PRONOUN.has(stem[i] as string)) continue;
    const a = stem[i - 1] as string;
    const b = stem[i - 2] as string;
    if (AVERSION.has(a) || (a === STAND && b === 'not')) return true;
  }
  return false;
}
