import { interestMessage, sensitiveMessage, smallTalkMessage } from './messages.js';
import {
  AGE_TABLE,
  COUNTRY_TABLE,
  LATER_OPT_OUT_SHARE,
  OPTED_OUT_SHARE,
  SURFACE_TABLE,
} from './population.js';
import { Rng, WeightedTable } from './prng.js';
import { CLUSTERS, type Topic } from './topics.js';

/** A profile event in the documented NDJSON format (issue 3). */
export interface DemoProfileEvent {
  type: 'profile';
  eventId: string;
  userId: string;
  occurredAt: string;
  country: string;
  birthYear: number;
  optedOut: boolean;
}

/** A chat event in the documented NDJSON format (issue 3). */
export interface DemoChatEvent {
  type: 'chat';
  eventId: string;
  userId: string;
  occurredAt: string;
  text: string;
  surface: string;
}

export type DemoEvent = DemoProfileEvent | DemoChatEvent;

export type MessageKind = 'interest' | 'sensitive' | 'small-talk';

/** One synthetic user with the ground truth behind their events (for tests and statistics). */
export interface DemoUser {
  index: number;
  userId: string;
  country: string;
  birthYear: number;
  /** Opted out from the first profile event. */
  optedOut: boolean;
  /** When set, a second profile event opts the user out at this time. */
  optedOutLaterAt: string | null;
  /** Interest ids the user talks about (IAB Interest ids). */
  interests: string[];
  /** Events in time order: the first profile event first. */
  events: DemoEvent[];
  /** For each chat event, in order, what kind of message it is. */
  kinds: MessageKind[];
}

export interface GenerateOptions {
  /** Any string; the same seed gives byte-identical events. Default `"parlance"`. */
  seed?: string;
  /** Number of users. Default 50,000. */
  users?: number;
  /** End of the simulated window. Default: the current time. Pass it for reproducible output. */
  now?: Date;
  /** Length of the window in days. Default 120 (longer than the 90-day retention). */
  days?: number;
  /** Mean chat messages per user (heavy-tailed). Default `DEFAULT_MESSAGES_PER_USER`. */
  messagesPerUser?: number;
  /** Index of the first user (to generate a slice of a population). Default 0. */
  firstUser?: number;
}

export const DEFAULT_SEED = 'parlance';
export const DEFAULT_USERS = 50_000;
export const DEFAULT_DAYS = 120;
/** Mean messages per user; tuned so 50k users seed in well under a minute on PGlite. */
export const DEFAULT_MESSAGES_PER_USER = 5;
/** Shares of chat messages that are sensitive or small talk (the rest are about interests). */
export const SENSITIVE_SHARE = 0.05;
export const SMALL_TALK_SHARE = 0.12;

const DAY_MS = 86_400_000;
const MAX_MESSAGES = 80;

/**
 * Interest popularity: Zipf over this rank order (weight 1 / rank). Everyday topics first,
 * niche hobbies last; the head (cooking, travel, fitness, gaming) dominates as it would.
 */
export const POPULARITY_ORDER: readonly string[] = [
  '371',
  '719',
  '408',
  '737',
  '354',
  '703',
  '410',
  '725',
  '702',
  '340',
  '458',
  '544',
  '663',
  '677',
  '376',
  '727',
  '722',
  '460',
  '734',
  '538',
  '731',
  '720',
  '372',
  '614',
  '543',
  '728',
  '350',
  '672',
  '452',
  '244',
  '253',
  '710',
  '370',
  '380',
  '431',
  '724',
  '625',
  '686',
  '683',
  '736',
  '624',
  '446',
  '479',
  '264',
  '707',
  '342',
  '535',
  '539',
  '355',
  '459',
  '688',
  '214',
  '640',
  '644',
  '608',
  '504',
  '497',
  '461',
  '465',
  '674',
  '665',
  '540',
  '679',
  '633',
  '669',
  '667',
  '409',
  '548',
  '352',
  '277',
  '433',
  '643',
  '632',
  '255',
  '735',
  '427',
];

const TOPIC_BY_ID = new Map<string, Topic>(CLUSTERS.flatMap((c) => c.topics.map((t) => [t.id, t] as const)));
const CLUSTER_OF = new Map<string, readonly Topic[]>(
  CLUSTERS.flatMap((c) => c.topics.map((t) => [t.id, c.topics] as const)),
);
const ZIPF_TABLE = new WeightedTable(
  POPULARITY_ORDER.map((id) => {
    const topic = TOPIC_BY_ID.get(id);
    if (!topic) throw new Error(`POPULARITY_ORDER names ${id}, which has no topic`);
    return topic;
  }),
  POPULARITY_ORDER.map((_, rank) => 1 / (rank + 1)),
);

/**
 * Correlations across clusters (both directions): families travel, runners buy gear, people who
 * work out cook healthy, gamers and coders share hardware.
 */
const CROSS_LINKS: readonly (readonly [string, string])[] = [
  ['728', '354'],
  ['728', '350'],
  ['728', '355'],
  ['410', '665'],
  ['408', '376'],
  ['703', '702'],
  ['731', '725'],
];

const LINKED = new Map<string, Topic[]>();
for (const [a, b] of CROSS_LINKS) {
  const ta = TOPIC_BY_ID.get(a);
  const tb = TOPIC_BY_ID.get(b);
  if (!ta || !tb) throw new Error(`CROSS_LINKS names ${a}–${b}, which is not a pair of topics`);
  LINKED.set(a, [...(LINKED.get(a) ?? []), tb]);
  LINKED.set(b, [...(LINKED.get(b) ?? []), ta]);
}

/** Draws a user's interests: Zipf-popular seeds, each pulling in correlated cluster neighbours. */
function drawInterests(rng: Rng): Topic[] {
  const chosen = new Map<string, Topic>();
  const seeds = 1 + (rng.chance(0.6) ? 1 : 0) + (rng.chance(0.3) ? 1 : 0);
  for (let s = 0; s < seeds; s++) {
    const seedTopic = ZIPF_TABLE.draw(rng);
    chosen.set(seedTopic.id, seedTopic);
    for (const neighbour of CLUSTER_OF.get(seedTopic.id) ?? []) {
      if (neighbour.id !== seedTopic.id && rng.chance(0.35)) chosen.set(neighbour.id, neighbour);
    }
    for (const linked of LINKED.get(seedTopic.id) ?? []) if (rng.chance(0.3)) chosen.set(linked.id, linked);
  }
  return [...chosen.values()];
}

/** Heavy-tailed message count with the given mean (at least 1). */
function drawMessageCount(rng: Rng, mean: number): number {
  const n = 1 + Math.floor(-Math.log(1 - rng.next()) * Math.max(0, mean - 0.5));
  return Math.min(n, MAX_MESSAGES);
}

/** Generates one user, deterministically from (seed, index) alone. */
export function generateUser(index: number, options: GenerateOptions & { now: Date }): DemoUser {
  const seed = options.seed ?? DEFAULT_SEED;
  const days = options.days ?? DEFAULT_DAYS;
  const mean = options.messagesPerUser ?? DEFAULT_MESSAGES_PER_USER;
  const nowMs = options.now.getTime();
  const rng = new Rng(`${seed}#${index}`);
  const userId = `demo-${seed}-${index}`;

  const country = COUNTRY_TABLE.draw(rng);
  const [minAge, maxAge] = AGE_TABLE.draw(rng);
  const age = rng.int(minAge, maxAge);
  // A birthday not yet reached this year makes the user one year younger than `now.year - birthYear`.
  const birthYear = options.now.getUTCFullYear() - age - (rng.chance(0.5) ? 1 : 0);
  const optedOut = rng.chance(OPTED_OUT_SHARE);
  const optsOutLater = !optedOut && rng.chance(LATER_OPT_OUT_SHARE / (1 - OPTED_OUT_SHARE));
  const interests = drawInterests(rng);

  // Activity window: users start anywhere in the window and stay active for part of the rest.
  const windowMs = days * DAY_MS;
  const start = nowMs - rng.next() * windowMs;
  const end = start + (nowMs - start) * (0.3 + 0.7 * rng.next());
  const count = drawMessageCount(rng, mean);
  const times: number[] = [];
  for (let m = 0; m < count; m++) times.push(Math.floor(start + rng.next() * (end - start)));
  times.sort((a, b) => a - b);

  const profileAt = Math.floor(start - rng.next() * 2 * DAY_MS);
  const events: DemoEvent[] = [
    {
      type: 'profile',
      eventId: `${userId}-p0`,
      userId,
      occurredAt: new Date(profileAt).toISOString(),
      country,
      birthYear,
      optedOut,
    },
  ];
  const kinds: MessageKind[] = [];
  const optOutAt = optsOutLater ? Math.floor(start + (0.3 + 0.5 * rng.next()) * (end - start)) : null;
  let optOutEmitted = false;

  times.forEach((at, m) => {
    if (optOutAt !== null && !optOutEmitted && at >= optOutAt) {
      events.push({
        type: 'profile',
        eventId: `${userId}-p1`,
        userId,
        occurredAt: new Date(optOutAt).toISOString(),
        country,
        birthYear,
        optedOut: true,
      });
      optOutEmitted = true;
    }
    const roll = rng.next();
    let text: string;
    if (roll < SENSITIVE_SHARE) {
      text = sensitiveMessage(rng).text;
      kinds.push('sensitive');
    } else if (roll < SENSITIVE_SHARE + SMALL_TALK_SHARE) {
      text = smallTalkMessage(rng);
      kinds.push('small-talk');
    } else {
      const topic = rng.pick(interests);
      const others = interests.filter(
        (t) => t !== topic && CLUSTER_OF.get(t.id) === CLUSTER_OF.get(topic.id),
      );
      text = interestMessage(rng, topic, others.length > 0 ? rng.pick(others) : undefined);
      kinds.push('interest');
    }
    events.push({
      type: 'chat',
      eventId: `${userId}-c${m}`,
      userId,
      occurredAt: new Date(at).toISOString(),
      text,
      surface: SURFACE_TABLE.draw(rng),
    });
  });
  if (optOutAt !== null && !optOutEmitted) {
    events.push({
      type: 'profile',
      eventId: `${userId}-p1`,
      userId,
      occurredAt: new Date(optOutAt).toISOString(),
      country,
      birthYear,
      optedOut: true,
    });
  }

  return {
    index,
    userId,
    country,
    birthYear,
    optedOut,
    optedOutLaterAt: optOutAt === null ? null : new Date(optOutAt).toISOString(),
    interests: interests.map((t) => t.id),
    events,
    kinds,
  };
}

/**
 * Streams synthetic users one at a time (never the whole population), each a pure function
 * of `(seed, index)`, so 10M users run in constant memory and any slice can be regenerated.
 */
export function* generateUsers(options: GenerateOptions = {}): Generator<DemoUser> {
  const users = options.users ?? DEFAULT_USERS;
  const first = options.firstUser ?? 0;
  const resolved = { ...options, now: options.now ?? new Date() };
  for (let index = first; index < first + users; index++) yield generateUser(index, resolved);
}

/**
 * The population as the documented NDJSON events: per user, the profile event first, then
 * their chat messages (and a later opt-out, if any) in time order. A lazy iterable.
 */
export function* generateEvents(options: GenerateOptions = {}): Generator<DemoEvent> {
  for (const user of generateUsers(options)) yield* user.events;
}

/** The same events as NDJSON lines (no trailing newline). */
export function* generateLines(options: GenerateOptions = {}): Generator<string> {
  for (const event of generateEvents(options)) yield JSON.stringify(event);
}
