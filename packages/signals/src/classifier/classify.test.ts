import { describe, expect, it } from 'vitest';
import {
  ClassifierError,
  classify,
  classifyWith,
  compileLexicon,
  defaultLexicon,
  tokenize,
} from './index.js';

const ids = (text: string): string[] | 'SENSITIVE' => {
  const r = classify(text);
  return r.sensitive ? 'SENSITIVE' : r.interests.map((i) => i.id);
};

describe('classify: interests', () => {
  it.each([
    ['best golf clubs for a beginner?', ['644']],
    ['Looking for TRAIL SHOES for muddy hikes', ['672']],
    ['we are going to Lisbon in May', ['727']],
    ['booked a tee time for saturday', ['644']],
    ['my puppy keeps chewing shoes', ['544']],
    ['I love baking sourdough', ['372']],
    ['pad thai recipe please', ['380']],
    ['gf wants to see the new pixar movie', ['469']],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('returns ids, names, confidence and the matched terms (everything `parlance classify` shows)', () => {
    const r = classify('my new golf clubs and a tee time at the golf course');
    expect(r).toEqual({
      sensitive: false,
      interests: [
        { id: '644', name: 'Golf', confidence: 0.973, matched: ['golf clubs', 'tee time', 'golf course'] },
      ],
    });
  });

  it('finds several interests in one message, most confident first', () => {
    const r = classify('can i bring my dog on hiking trails? also need a new tent');
    expect(r.sensitive).toBe(false);
    if (!r.sensitive) expect(r.interests.map((i) => i.id).sort()).toEqual(['544', '672', '725']);
  });

  it('needs two weak terms: one weak term alone is not enough', () => {
    expect(ids('my boss said hi')).toEqual([]);
  });
});

describe('classify: negation', () => {
  it.each([
    ['I hate golf', []],
    ['not into golf', []],
    ["I'm not a big fan of golf", []],
    ["i don't play golf", []],
    ['never been into anime', []],
    ['golf is so boring', []],
    ["golf isn't my thing", []],
    ['my husband wants to go fishing but i cant stand it', []],
    ["i'm so over reality tv", []],
    ['not into golf but I love tennis', ['669']],
    ['I hate golf, I prefer tennis', ['669']],
    ["i'm not sure which golf clubs to buy", ['644']],
    ['how do i not slice my golf drive', ['644']],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('classify: small talk yields nothing', () => {
  it.each([
    'what is 17 times 23?',
    'hi',
    'thanks!',
    'translate good morning into french',
    'write a polite email declining a meeting',
    "what's the population of brazil?",
    'what time is it in tokyo',
    '',
    '   ',
    '🙂🙂🙂',
  ])('%j', (text) => {
    expect(classify(text)).toEqual({ sensitive: false, interests: [] });
  });
});

describe('classify: sensitive messages yield no interest at all', () => {
  it.each([
    ['my doctor says I should stop running', 'HEALTH'],
    ['golf after knee surgery?', 'HEALTH'],
    ['how do i lose 20 pounds before the wedding', 'HEALTH'],
    ['best bible verse for a wedding toast', 'RELIGION'],
    ['who should i vote for', 'POLITICS'],
    ['how do i come out to my parents as gay', 'SEXUALITY'],
    ['my 23andme says im 30% irish', 'ETHNICITY'],
    ['how do i start a union at my warehouse', 'TRADE_UNION'],
    ['i got a dui last night', 'CRIME'],
    ["i can't afford rent this month", 'FINANCIAL_HARDSHIP'],
    ['i do NOT have cancer, just curious about chemo for my essay', 'HEALTH'],
    // holdout-3 leak classes (general wording, not the held-out messages)
    ['tightness in my chest after the stairs, is that normal', 'HEALTH'],
    ['dropped 15 lbs since summer, how do i stay there', 'HEALTH'],
    ['when can i cycle again after meniscus repair', 'HEALTH'],
    ['they fired two people for organizing, is that allowed', 'TRADE_UNION'],
    ['our garage got broken into, what do i tell the insurer', 'CRIME'],
  ])('%s → %s', (text, category) => {
    const r = classify(text);
    expect(r.sensitive).toBe(true);
    if (r.sensitive) {
      expect(r.categories).toContain(category);
      expect(r.matched.length).toBeGreaterThan(0);
    }
    expect('interests' in r).toBe(false);
  });

  it('reports every category touched, in a stable order', () => {
    const r = classify('my therapist and my pastor both say i should vote');
    expect(r).toMatchObject({ sensitive: true, categories: ['HEALTH', 'RELIGION', 'POLITICS'] });
  });

  it('"organizing" is a union word only next to union/firing vocabulary', () => {
    expect(classify('organizing a surprise party for my coworkers').sensitive).toBe(false);
  });

  it('a longer non-sensitive phrase hides a sensitive word inside it', () => {
    expect(ids('best doctor who episodes')).toEqual(['715']);
  });
});

describe('classify: determinism and robustness', () => {
  it('same input, same output, regardless of call order', () => {
    const texts = [
      'I love golf and tennis',
      'my dog hates the vet',
      'pad thai recipe',
      'who should i vote for',
    ];
    const first = texts.map((t) => JSON.stringify(classify(t)));
    const again = [...texts]
      .reverse()
      .map((t) => JSON.stringify(classify(t)))
      .reverse();
    expect(again).toEqual(first);
  });

  it('is case-, accent- and punctuation-insensitive', () => {
    expect(ids('GOLF!!!')).toEqual(['644']);
    expect(ids('un café au lait, espresso')).toEqual(['377']);
  });

  it('handles long input', () => {
    expect(ids(`${'blah '.repeat(5000)}golf`)).toEqual(['644']);
  });
});

describe('lexicon', () => {
  it('covers at least 150 targetable interests and no sensitive node', () => {
    expect(defaultLexicon().interestIds.length).toBeGreaterThanOrEqual(150);
  });

  it.each([
    ['381 Health and Medical Services: doctor', /sensitive node/],
    ['99999 Nope: x', /unknown IAB id/],
    ['644 Golf golf', /missing ':'/],
    ['613 Baseball: innings', /stopword/],
  ])('rejects %j', (line, message) => {
    expect(() => compileLexicon(line, '')).toThrow(ClassifierError);
    expect(() => compileLexicon(line, '')).toThrow(message);
  });

  it('rejects an unknown sensitive category', () => {
    expect(() => compileLexicon('', 'GAMBLING: poker')).toThrow(/unknown category/);
  });

  it('supports weak (~), exact (=), generic (^), number (#), BLOCK and NOT', () => {
    const lex = compileLexicon(
      '644 Golf: golf, ~tee\n544 Dogs: =dog\n719 Travel: ^trip\n722 Asia Travel: japan\nBLOCK: hot dog\nNOT 722: capital of',
      'HEALTH: lose # pounds',
    );
    const run = (t: string) => classifyWith(t, lex);
    expect(run('tee')).toEqual({ sensitive: false, interests: [] });
    expect(run('dogs')).toEqual({ sensitive: false, interests: [] });
    expect(run('hot dog stand')).toEqual({ sensitive: false, interests: [] });
    expect(run('trip to japan')).toMatchObject({ interests: [{ id: '722', matched: ['japan', 'trip'] }] });
    expect(run('capital of japan')).toEqual({ sensitive: false, interests: [] });
    expect(run('lose 20 pounds')).toMatchObject({ sensitive: true, categories: ['HEALTH'] });
  });
});

describe('context rules (`term @ctx|ctx`) and task cues', () => {
  it('gates a term on a context word anywhere in the message', () => {
    const lex = compileLexicon(
      '644 Golf: irons @golf|swing|handicap\n265 Poetry: haiku\nNOT 265: write @haiku|poem',
      'CRIME: sentence @judge|prison|court',
    );
    const run = (t: string) => classifyWith(t, lex);
    expect(run('new irons for my swing')).toMatchObject({ interests: [{ id: '644', matched: ['irons'] }] });
    expect(run('steam irons on sale')).toEqual({ sensitive: false, interests: [] });
    expect(run('use it in a sentence')).toEqual({ sensitive: false, interests: [] });
    expect(run('the judge handed down a harsh sentence')).toMatchObject({
      sensitive: true,
      categories: ['CRIME'],
    });
    expect(run('write a haiku about rain')).toEqual({ sensitive: false, interests: [] });
    expect(run('who is the best haiku poet')).toMatchObject({ interests: [{ id: '265' }] });
  });

  it('rejects a malformed context', () => {
    expect(() => compileLexicon('644 Golf: irons @', '')).toThrow(/context/);
    expect(() => compileLexicon('644 Golf: irons @golf club', '')).toThrow(/context/);
  });

  it.each([
    ['use it in a sentence', []],
    ['the judge gave my cousin a 5 year sentence', 'SENSITIVE'],
    ['write a haiku about the sea', []],
    ["what's the capital of Kenya", ['229']],
    ['what time is it in London', []],
    ['my basil keeps wilting', ['458']],
    ['basil pesto recipe', ['380']],
    ['thinking about new irons, i am a mid handicapper', ['644']],
    ['best lens for portraits on my canon', ['431']],
  ] as const)('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('shipped lexicon hygiene', () => {
  it('no stem key is both a weak and a strong term of one interest (Porter: "robotics" = "robot")', () => {
    const clashes: string[] = [];
    const lex = defaultLexicon();
    for (const p of lex.phrases) {
      const byId = new Map<string, Set<number>>();
      for (const t of p.targets) {
        if (t.kind !== 'interest' || t.context) continue;
        const w = byId.get(t.id) ?? new Set<number>();
        w.add(t.weight);
        byId.set(t.id, w);
      }
      for (const [id, w] of byId) if (w.size > 1) clashes.push(`${id}: ${p.words.join(' ')}`);
    }
    expect(clashes).toEqual([]);
  });
});

describe('tokenize', () => {
  it('expands contractions and marks clause breaks', () => {
    const t = tokenize("I don't like golf, but tennis's fine");
    expect(t.surface).toEqual(['i', 'do', 'not', 'like', 'golf', ',', 'but', 'tennis', 'fine']);
    expect(t.brk).toEqual([false, false, false, false, false, true, false, false, false]);
  });
});
