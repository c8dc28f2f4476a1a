/**
 * Chat texts the real classifier maps to known interests. Attack tests need "a victim with a
 * rare combination of interests": we choose candidate messages, classify them with the same
 * `classify` the ingestion pipeline runs, and keep those whose interests are non-sensitive and
 * disjoint from every other kept message, so planted counts are exact.
 */
import { classify } from '@parlance/signals';
import { getInterest, isSensitiveInterest } from '@parlance/taxonomy';
import type { InterestProbe } from './population.js';

/** Everyday messages, each about one hobby, written the way people ask an assistant. */
export const CANDIDATE_TEXTS: readonly string[] = [
  'how can I fix the slice in my golf swing before saturday',
  'what should I feed my golden retriever puppy',
  'my cat keeps scratching the sofa, how do I make her stop',
  'recommend some jazz albums if I like miles davis',
  'when should I plant tomatoes in my vegetable garden',
  'which motorcycle is better for a beginner rider',
  'best lures for bass fishing on a lake',
  'what board games are fun for four players',
  'recommend a scary horror movie for friday night',
  'how do I cycle a new freshwater aquarium for my fish',
  'how often should I feed my pet snake',
  'my parakeet will not stop chirping at night',
  'teach me an easy card magic trick',
  'how do I start building my family tree and ancestry research',
  'what is a good opera for someone who has never been',
  'who is your pick to win the baseball world series',
  'what tent should I buy for camping in the mountains',
  'tips for my first marathon training plan running',
  'how do I make sourdough bread at home',
  'recommend a good classic rock band like led zeppelin',
  'what are the best hiking trails near denver',
  'how do I get started with knitting a scarf',
  'which basketball team has the best roster this season',
  'suggestions for a good science fiction novel to read',
  'how do I learn to play the guitar chords',
  'what is the best way to brew coffee with a french press',
  'ideas for decorating my living room interior',
  'where should I go skiing this winter',
  'what tennis racket should I buy',
  'how do I start investing in index funds for retirement',
  'what is the best smart home hub for lights',
  'any tips for bird watching in the spring',
  'recommend some poetry collections to read',
  'how do I restore a classic car from the sixties',
  'how do I start surfing as an adult',
  'which yoga poses help with flexibility',
  'good recipes for grilling ribs on the barbecue',
  'what wine goes with salmon',
  'how do I train for a boxing match',
  'should I get a cruise to the caribbean this summer',
];

export interface ProbeSet {
  probes: InterestProbe[];
  byId: Map<string, InterestProbe>;
}

/** Classifies the candidates and returns those usable as disjoint probes, in candidate order. */
export function pickProbes(minimum: number, candidates: readonly string[] = CANDIDATE_TEXTS): ProbeSet {
  const probes: InterestProbe[] = [];
  const taken = new Set<string>();
  const rejected: string[] = [];
  for (const text of candidates) {
    const result = classify(text);
    if (result.sensitive || result.interests.length === 0) {
      rejected.push(`${text} → ${result.sensitive ? 'sensitive' : 'nothing'}`);
      continue;
    }
    const produces = [...result.interests].sort((a, b) => b.confidence - a.confidence).map((m) => m.id);
    // Related nodes count too: an engine may expand a parent interest to its children.
    const related = (x: string) => [...taken].some((y) => lineage(y).includes(x) || lineage(x).includes(y));
    if (produces.some(related) || produces.some((id) => isSensitiveInterest(id))) {
      rejected.push(`${text} → overlaps ${produces.join(',')}`);
      continue;
    }
    for (const id of produces) taken.add(id);
    probes.push({ id: produces[0]!, produces, text });
  }
  if (probes.length < minimum) {
    throw new Error(
      `only ${probes.length} usable chat texts, need ${minimum}; classifier rejected:\n${rejected.join('\n')}`,
    );
  }
  return { probes, byId: new Map(probes.map((p) => [p.id, p])) };
}

/** An interest and its ancestors. */
function lineage(id: string): string[] {
  const out: string[] = [];
  for (
    let current = getInterest(id);
    current;
    current = current.parentId ? getInterest(current.parentId) : undefined
  ) {
    out.push(current.id);
  }
  return out.length > 0 ? out : [id];
}
