/**
 * Planting a known population through the internal ingestion endpoint, the way the platform
 * feeds Parlance: NDJSON profile and chat events over HTTP with the ingest token.
 */
import { randomUUID } from 'node:crypto';

export interface PlantedUser {
  /** Platform user id (pseudonymised by the server; we keep it to compute exact counts). */
  id: string;
  country: string;
  birthYear: number;
  /** Target interest ids this user chatted about (via the texts chosen in `interests.ts`). */
  interests: string[];
  optedOut?: boolean;
}

/** A chat text the classifier maps to a known, disjoint set of interests. */
export interface InterestProbe {
  /** The interest an attacker targets. */
  id: string;
  /** Every interest the text produces (the target first); disjoint between probes. */
  produces: string[];
  text: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** An ISO timestamp `daysAgo` days before now (noon UTC, so the day is unambiguous). */
export function isoDaysAgo(daysAgo: number, now = new Date()): string {
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  day.setUTCHours(12, 0, 0, 0);
  if (day.getTime() > now.getTime()) day.setTime(day.getTime() - DAY_MS);
  return day.toISOString();
}

export function profileEvent(user: PlantedUser, occurredAt = isoDaysAgo(10)): Record<string, unknown> {
  return {
    type: 'profile',
    eventId: `p-${user.id}-${randomUUID()}`,
    userId: user.id,
    occurredAt,
    country: user.country,
    birthYear: user.birthYear,
    optedOut: user.optedOut ?? false,
  };
}

export function chatEvent(userId: string, text: string, occurredAt = isoDaysAgo(2)): Record<string, unknown> {
  return { type: 'chat', eventId: `c-${userId}-${randomUUID()}`, userId, occurredAt, text, surface: 'app' };
}

/** The events that make `user` hold exactly the interests listed (one chat per interest). */
export function eventsFor(
  user: PlantedUser,
  probes: ReadonlyMap<string, InterestProbe>,
): Record<string, unknown>[] {
  const events = [profileEvent(user)];
  for (const interest of user.interests) {
    const probe = probes.get(interest);
    if (!probe) throw new Error(`no chat text known for interest ${interest}`);
    events.push(chatEvent(user.id, probe.text));
  }
  return events;
}

export interface IngestResponse {
  status: number;
  body: string;
}

/** POSTs raw NDJSON to the internal ingestion endpoint. */
export async function postNdjson(
  baseUrl: string,
  token: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<IngestResponse> {
  const response = await fetch(`${baseUrl}/internal/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
  });
  return { status: response.status, body: await response.text() };
}

/** Ingests events in batches; throws unless every batch is accepted with a 2xx. */
export async function ingestEvents(
  baseUrl: string,
  token: string,
  events: readonly Record<string, unknown>[],
  batchSize = 2000,
): Promise<void> {
  for (let i = 0; i < events.length; i += batchSize) {
    const ndjson = `${events
      .slice(i, i + batchSize)
      .map((e) => JSON.stringify(e))
      .join('\n')}\n`;
    const response = await postNdjson(baseUrl, token, ndjson);
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`ingestion batch at ${i} refused: ${response.status} ${response.body.slice(0, 500)}`);
    }
  }
}

/** Plants users: profiles first (the gate needs them), then their chats. */
export async function plantUsers(
  baseUrl: string,
  token: string,
  users: readonly PlantedUser[],
  probes: ReadonlyMap<string, InterestProbe>,
): Promise<void> {
  const profiles = users.map((u) => profileEvent(u));
  const chats = users.flatMap((u) =>
    u.interests.map((interest) => {
      const probe = probes.get(interest);
      if (!probe) throw new Error(`no chat text known for interest ${interest}`);
      return chatEvent(u.id, probe.text);
    }),
  );
  await ingestEvents(baseUrl, token, profiles);
  await ingestEvents(baseUrl, token, chats);
}

/** `count` users sharing a profile and interests, with ids `${prefix}-${n}`. */
export function crowd(prefix: string, count: number, profile: Omit<PlantedUser, 'id'>): PlantedUser[] {
  return Array.from({ length: count }, (_, n) => ({
    ...profile,
    interests: [...profile.interests],
    id: `${prefix}-${n}`,
  }));
}

/** A spec as the API takes it. */
export interface Spec {
  include: string[][];
  exclude?: string[];
  countries?: string[];
  ageMin?: number;
  ageMax?: number;
  recencyDays?: number;
}

/**
 * The exact number of planted users a spec matches: what the engine counts before the privacy
 * layer. Age is not modelled (tests that use age choose bounds far from every planted age).
 */
export function exactCount(
  users: readonly PlantedUser[],
  probes: ReadonlyMap<string, InterestProbe>,
  spec: Spec,
): number {
  const held = (u: PlantedUser) => new Set(u.interests.flatMap((i) => probes.get(i)?.produces ?? [i]));
  const countries = spec.countries?.map((c) => c.toUpperCase());
  return users.filter((u) => {
    if (u.optedOut) return false;
    const h = held(u);
    if (!spec.include.every((group) => group.some((i) => h.has(i)))) return false;
    if (spec.exclude?.some((i) => h.has(i))) return false;
    if (countries && countries.length > 0 && !countries.includes(u.country)) return false;
    return true;
  }).length;
}

/** Bounded polling: resolves with the first truthy value of `probe`, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
