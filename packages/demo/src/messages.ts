import type { Rng } from './prng.js';
import type { Topic } from './topics.js';

/**
 * Chat text composition: interest messages from per-topic vocabulary in many sentence shapes,
 * sensitive messages (which the pipeline must drop whole) and small talk (which carries no
 * interest). Everything is drawn from the caller's seeded `Rng`.
 */

const WHEN = [
  'next weekend',
  'in two weeks',
  'this summer',
  'next month',
  'on saturday',
  'over the holidays',
  'in march',
  'tomorrow',
];
const BUDGET = ['$50', '$100', '$150', '$300', '$500', '200 bucks', '₹5000', 'R$400', '100 euros', '¥20000'];
const WHO = [
  'wife',
  'husband',
  'partner',
  'dad',
  'mom',
  'sister',
  'best friend',
  'roommate',
  'brother',
  'girlfriend',
  'boyfriend',
];

const THING_SHAPES = [
  'best {thing} for a beginner?',
  'best {thing} under {budget}?',
  '{thing} recommendations? nothing too fancy',
  'is it worth spending more on {thing} or is the cheap stuff fine',
  'how do I choose {thing}, there are way too many options',
  'where can I find a good deal on {thing}',
  'compare the top 3 options for {thing} in a table with pros and cons',
  'what {thing} do reviewers actually recommend right now',
  'my {who} wants {thing} for their birthday, what should I look for',
  'how long should {thing} last before I need to replace it',
  'I have {budget} to spend on {thing}, what would you get',
];

const DOING_SHAPES = [
  'any tips for {doing}?',
  'what should I know before {doing} for the first time',
  "I've been {doing} a lot lately, how do I get better",
  'make me a checklist for {doing} {when}',
  "I'm {doing} {when}, what am I forgetting?",
  'write a short instagram caption for a photo of me {doing}',
  'how do people afford {doing}? give me a rough budget breakdown',
  'plan my saturday around {doing}, I have about 5 hours',
  "what's a realistic goal for {doing} in 3 months",
  'is {doing} a good hobby for someone who works 50 hours a week',
  'my {who} and I started {doing}, what are common beginner mistakes',
];

const PAIR_SHAPES = [
  "I'm {doingA} {when}, do I really need {thingB}?",
  'rough budget for {doingA} plus {thingB}?',
  'after {doingA} I want to get into {doingB}, where do I start',
  'what {thingB} pairs well with {thingA}',
  'help me plan a weekend: {doingA} on saturday and {doingB} on sunday',
];

const PREFIXES = [
  'hey ',
  'hi! ',
  'quick question: ',
  'ok so ',
  'hmm, ',
  'help, ',
  'random q but ',
  'Hello, ',
];
const SUFFIXES = [
  ' thanks',
  ' thx!',
  ' pls',
  ' 🙏',
  ' (asking for a friend)',
  ' be honest',
  ' keep it short',
];

/** Messages the pipeline must drop whole (every sensitive category of PRIVACY.md). */
const SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  HEALTH: [
    'my doctor says my a1c is 6.8, what should I be eating for dinner now',
    'is it safe to take ibuprofen with my blood pressure medication',
    'I have had a migraine for three days, when should I go to the ER',
    'what are the early signs of depression, I think I might have it',
    'best running shoes for someone with plantar fasciitis my physio says I need support',
    'side effects of sertraline in the first month?',
    'my chemo starts next week, what should I pack for the infusion days',
  ],
  RELIGION: [
    'what time does ramadan fasting end today in Jakarta',
    'help me write a prayer for my grandmother before her surgery',
    'easy recipes for a passover seder for 8 people',
    'how do I explain to my parents that I am leaving the church',
    'what should I wear to a hindu temple for the first time',
  ],
  POLITICS: [
    'who should I vote for if I care about housing and climate',
    'summarise the arguments for and against the new immigration bill',
    'write a letter to my senator opposing the abortion ban',
    'is the election being rigged? my uncle keeps saying so',
  ],
  SEXUALITY: [
    'how do I come out to my parents as gay',
    'I think I might be bisexual, how do I know for sure',
    'what does nonbinary mean and how do I ask someone their pronouns',
    'my partner is transitioning, how can I support her',
  ],
  ETHNICITY: [
    'as a black woman in tech, how do I handle microaggressions at work',
    'my family is indigenous, where can I learn about our tribe history',
    'I am half korean half mexican, how do I answer "where are you really from"',
  ],
  TRADE_UNION: [
    'how do we start a union at our warehouse without getting fired',
    'what does my union rep do during a disciplinary meeting',
    'is it legal for my boss to ask if I joined the teachers union',
  ],
  CRIME: [
    'I got arrested for a DUI last night, what happens at the first court date',
    'will a shoplifting conviction show up on a background check for a job',
    'how do I expunge a felony record in texas',
  ],
  FINANCIAL_HARDSHIP: [
    'I cannot pay rent this month, what are my options before eviction',
    'debt collectors keep calling me, how do I make them stop',
    'should I file for bankruptcy with 40k in credit card debt',
    'how do I apply for food stamps, I lost my job last week',
  ],
};

const SENSITIVE_CATEGORIES = Object.keys(SENSITIVE);

const CAPITALS = [
  'France',
  'Australia',
  'Canada',
  'Brazil',
  'Japan',
  'Kenya',
  'Peru',
  'Norway',
  'Turkey',
  'Vietnam',
];
const WORDS = [
  'ubiquitous',
  'ephemeral',
  'serendipity',
  'pragmatic',
  'nuance',
  'schadenfreude',
  'gaslighting',
  'rizz',
];
const JOKE_SUBJECTS = ['penguins', 'accountants', 'mondays', 'coffee', 'cats', 'spreadsheets', 'pirates'];

/** Small talk: no interest, no signal. */
function smallTalk(rng: Rng): string {
  switch (rng.int(0, 11)) {
    case 0:
      return `what's ${rng.int(3, 99)} times ${rng.int(3, 99)}?`;
    case 1:
      return `convert ${rng.int(-10, 105)} fahrenheit to celsius`;
    case 2:
      return `what's the capital of ${rng.pick(CAPITALS)}`;
    case 3:
      return `what does "${rng.pick(WORDS)}" mean? use it in a sentence`;
    case 4:
      return `tell me a joke about ${rng.pick(JOKE_SUBJECTS)}`;
    case 5:
      return `how many days until ${rng.pick(['christmas', 'new year', 'my birthday on june 3', 'halloween'])}`;
    case 6:
      return `what time is it in ${rng.pick(['Tokyo', 'London', 'New York', 'Sydney', 'Lagos', 'Mumbai'])} right now`;
    case 7:
      return `is it ${rng.pick(['affect or effect', 'fewer or less', 'who or whom', 'lay or lie'])} in this sentence: "${rng.pick(['the rain will ___ the game', 'there are ___ people here today', 'to ___ it may concern'])}"`;
    case 8:
      return `${rng.pick(['thanks!', 'ok that worked', 'never mind', 'lol', 'perfect, thank you', 'that is not what I asked'])}`;
    case 9:
      return `what's ${rng.int(5, 40)}% of ${rng.int(20, 2000)}`;
    case 10:
      return `translate "${rng.pick(['good morning', 'where is the bathroom', 'thank you very much', 'how much is this'])}" into ${rng.pick(['spanish', 'hindi', 'portuguese', 'japanese', 'tagalog'])}`;
    default:
      return `write a ${rng.pick(['haiku', 'limerick', 'two line poem'])} about ${rng.pick(['the moon', 'my commute', 'rainy days', 'procrastination'])}`;
  }
}

function fill(template: string, rng: Rng, topic: Topic, other?: Topic): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'thing':
      case 'thingA':
        return rng.pick(topic.things);
      case 'doing':
      case 'doingA':
        return rng.pick(topic.doing);
      case 'thingB':
        return rng.pick((other ?? topic).things);
      case 'doingB':
        return rng.pick((other ?? topic).doing);
      case 'when':
        return rng.pick(WHEN);
      case 'budget':
        return rng.pick(BUDGET);
      case 'who':
        return rng.pick(WHO);
      default:
        throw new Error(`unknown template slot {${slot}}`);
    }
  });
}

/** Swaps two adjacent letters in one longer word, the way people mistype on a phone. */
function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (/^[a-z]{6,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const index = rng.pick(candidates);
  const word = words[index] as string;
  const at = rng.int(1, word.length - 3);
  words[index] = word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
  return words.join(' ');
}

/** Varies the surface form: greetings, sign-offs, capitalisation, a dropped "?", rare typos. */
function decorate(text: string, rng: Rng): string {
  let out = text;
  if (rng.chance(0.06)) out = typo(out, rng);
  if (rng.chance(0.2) && out.endsWith('?')) out = out.slice(0, -1);
  if (rng.chance(0.15)) out = rng.pick(PREFIXES) + out.charAt(0).toLowerCase() + out.slice(1);
  else if (rng.chance(0.45)) out = out.charAt(0).toUpperCase() + out.slice(1);
  if (rng.chance(0.1)) out += rng.pick(SUFFIXES);
  return out;
}

/** A message about `topic`, sometimes also about `other` (a topic of the same cluster). */
export function interestMessage(rng: Rng, topic: Topic, other?: Topic): string {
  const roll = rng.next();
  let text: string;
  if (other && roll < 0.15) text = fill(rng.pick(PAIR_SHAPES), rng, topic, other);
  else if (roll < 0.5) text = fill(rng.pick(topic.prompts), rng, topic);
  else if (roll < 0.75) text = fill(rng.pick(THING_SHAPES), rng, topic);
  else text = fill(rng.pick(DOING_SHAPES), rng, topic);
  return decorate(text, rng);
}

/** A message touching a sensitive category; returns the category for statistics. */
export function sensitiveMessage(rng: Rng): { category: string; text: string } {
  const category = rng.pick(SENSITIVE_CATEGORIES);
  return { category, text: decorate(rng.pick(SENSITIVE[category] ?? []), rng) };
}

/** A message with no interest at all. */
export function smallTalkMessage(rng: Rng): string {
  return decorate(smallTalk(rng), rng);
}

/** The sensitive prompt bank, for tests that check the pipeline drops every one. */
export const SENSITIVE_PROMPTS: Readonly<Record<string, readonly string[]>> = SENSITIVE;
