import { readFileSync } from 'node:fs';
import type { SensitiveCategory } from '@parlance/taxonomy';
import { getInterest } from '@parlance/taxonomy';
import type { Classification } from '../classifier/index.js';

/** One labelled message of the evaluation set. */
export interface EvalMessage {
  id: string;
  text: string;
  sensitive: boolean;
  categories?: SensitiveCategory[];
  interests: string[];
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  messages: number;
  interestMessages: number;
  sensitiveMessages: number;
  noInterestMessages: number;
  distinctInterests: number;
  micro: Prf;
  /** Keyed by the tier-2 group name (the top-level IAB node, e.g. "Sports"). */
  groups: Record<string, Prf>;
  /** Sensitive messages that yielded any interest. Must be 0. */
  leakage: number;
  /** Sensitive messages the classifier flagged as sensitive. */
  sensitiveRecall: number;
  /** Non-sensitive messages the classifier wrongly flagged as sensitive. */
  falseSensitive: number;
  errors: { id: string; text: string; expected: string[]; got: string[] | 'SENSITIVE' }[];
}

/** The shipped evaluation set (packages/signals/data/eval/messages.jsonl). */
export const DEFAULT_EVAL_SET = new URL('../../data/eval/messages.jsonl', import.meta.url);

/** Reads a JSONL evaluation file; throws on a malformed line with its number. */
export function loadEvalSet(url: URL): EvalMessage[] {
  const out: EvalMessage[] = [];
  readFileSync(url, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const m = JSON.parse(line) as EvalMessage;
      if (typeof m.id !== 'string' || typeof m.text !== 'string' || !Array.isArray(m.interests)) {
        throw new Error(`eval set line ${i + 1}: missing id, text or interests`);
      }
      for (const id of m.interests) {
        if (!getInterest(id)) throw new Error(`eval set line ${i + 1}: unknown interest ${id}`);
      }
      out.push(m);
    });
  return out;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function groupOf(id: string): string {
  return getInterest(id)?.path[0] ?? 'Unknown';
}

/**
 * Scores a classifier on labelled messages: strict id equality, micro-averaged, and per tier-2
 * group (an id counts in the group of its top-level node). A sensitive message's gold interest set
 * is empty, so any interest it yields is both a false positive and a leak.
 */
export function evaluate(
  messages: readonly EvalMessage[],
  classifyFn: (text: string) => Classification,
): EvalReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (id: string, k: 'tp' | 'fp' | 'fn') => {
    const g = groupOf(id);
    const c = counts.get(g) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(g, c);
  };
  let leakage = 0;
  let flagged = 0;
  let falseSensitive = 0;
  const errors: EvalReport['errors'] = [];
  for (const m of messages) {
    const r = classifyFn(m.text);
    const got = r.sensitive ? [] : r.interests.map((i) => i.id);
    if (m.sensitive) {
      if (r.sensitive) flagged++;
      if (got.length > 0) leakage++;
    } else if (r.sensitive) {
      falseSensitive++;
    }
    const gold = new Set(m.interests);
    let wrong = false;
    for (const id of got) {
      if (gold.has(id)) bump(id, 'tp');
      else {
        bump(id, 'fp');
        wrong = true;
      }
    }
    for (const id of gold) {
      if (!got.includes(id)) {
        bump(id, 'fn');
        wrong = true;
      }
    }
    if (wrong || (m.sensitive && !r.sensitive)) {
      errors.push({ id: m.id, text: m.text, expected: m.interests, got: r.sensitive ? 'SENSITIVE' : got });
    }
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const groups: Record<string, Prf> = {};
  for (const g of [...counts.keys()].sort()) {
    const c = counts.get(g);
    if (!c) continue;
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    groups[g] = prf(c.tp, c.fp, c.fn);
  }
  const sensitiveMessages = messages.filter((m) => m.sensitive).length;
  return {
    messages: messages.length,
    interestMessages: messages.filter((m) => m.interests.length > 0).length,
    sensitiveMessages,
    noInterestMessages: messages.filter((m) => !m.sensitive && m.interests.length === 0).length,
    distinctInterests: new Set(messages.flatMap((m) => m.interests)).size,
    micro: prf(tp, fp, fn),
    groups,
    leakage,
    sensitiveRecall: sensitiveMessages === 0 ? 1 : flagged / sensitiveMessages,
    falseSensitive,
    errors,
  };
}

/** First held-out set (80 messages). Since the 2nd vocabulary pass it is no longer clean: see data/eval/README.md. */
export const HOLDOUT_EVAL_SET = new URL('../../data/eval/holdout.jsonl', import.meta.url);

/** Second held-out set (256 messages), written before the 2nd vocabulary pass: see data/eval/README.md. */
export const HOLDOUT2_EVAL_SET = new URL('../../data/eval/holdout2.jsonl', import.meta.url);

/** Third held-out set (256 messages), written by someone who had never seen the lexicon: see data/eval/README.md. */
export const HOLDOUT3_EVAL_SET = new URL('../../data/eval/holdout3.jsonl', import.meta.url);

/** Every evaluation set `pnpm eval` reports, with what it may be used for. */
export const EVAL_SETS: readonly { name: string; url: URL; note: string }[] = [
  { name: 'main', url: DEFAULT_EVAL_SET, note: 'tuned against; gate: micro-F1 >= 0.85, leakage 0' },
  {
    name: 'holdout-1',
    url: HOLDOUT_EVAL_SET,
    note: 'reported; seen during the 2nd vocabulary pass; gate: leakage 0',
  },
  {
    name: 'holdout-2',
    url: HOLDOUT2_EVAL_SET,
    note: 'first run reported before any fix; only its 4 leaks were fixed after; gate: leakage 0',
  },
  {
    name: 'holdout-3',
    url: HOLDOUT3_EVAL_SET,
    note: 'written without seeing the lexicon; first run F1 71.8%, 5 leaks; only the leaks were fixed; gate: leakage 0, F1 >= 0.72',
  },
];
