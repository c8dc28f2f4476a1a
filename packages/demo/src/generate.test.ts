import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatEventSchema, profileEventSchema } from '@parlance/signals';
import { getInterest, isExcludedCountry, isSensitiveInterest, listCountries } from '@parlance/taxonomy';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoUser, generateLines, generateUsers, POPULARITY_ORDER } from './generate.js';
import { writeNdjson } from './ndjson.js';
import { COUNTRY_WEIGHTS, DEMO_EXCLUDED_COUNTRIES } from './population.js';
import { TOPICS } from './topics.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const DAY_MS = 86_400_000;

function digest(lines: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex');
}

// One sample population shared by the statistical tests (20k users: ~0.2 s to generate).
const SAMPLE: DemoUser[] = [...generateUsers({ seed: 'stats', users: 20_000, now: NOW })];
const share = (predicate: (u: DemoUser) => boolean) => SAMPLE.filter(predicate).length / SAMPLE.length;

describe('determinism', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parlance-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives byte-identical NDJSON for the same seed, and different output for another seed', async () => {
    const options = { seed: 'same', users: 2000, now: NOW };
    expect(digest(generateLines(options))).toBe(digest(generateLines(options)));
    expect(digest(generateLines({ ...options, seed: 'other' }))).not.toBe(digest(generateLines(options)));

    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    const summary = await writeNdjson(a, options);
    await writeNdjson(b, options);
    const bytes = readFileSync(a);
    expect(bytes.equals(readFileSync(b))).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(digest(generateLines(options)));
    expect(summary.users).toBe(2000);
    expect(summary.bytes).toBe(bytes.length);
  });

  it('makes every user a function of (seed, index) alone, so slices match the whole', () => {
    const whole = [...generateLines({ seed: 's', users: 300, now: NOW })];
    const slice = [...generateLines({ seed: 's', users: 100, firstUser: 200, now: NOW })];
    expect(whole.slice(-slice.length)).toEqual(slice);
  });
});

describe('events', () => {
  it('are all valid against the documented event formats, with unique ids', () => {
    const ids = new Set<string>();
    for (const user of SAMPLE.slice(0, 3000)) {
      for (const event of user.events) {
        const schema = event.type === 'profile' ? profileEventSchema : chatEventSchema;
        const result = schema.safeParse(event);
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
        expect(ids.has(event.eventId)).toBe(false);
        ids.add(event.eventId);
      }
    }
  });

  it('put each user’s first profile event first and the rest in time order', () => {
    for (const user of SAMPLE.slice(0, 3000)) {
      expect(user.events[0]?.type).toBe('profile');
      const times = user.events.map((e) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      const laterProfiles = user.events.slice(1).filter((e) => e.type === 'profile');
      expect(laterProfiles.length).toBe(user.optedOutLaterAt === null ? 0 : 1);
    }
  });

  it('spread chats over the 120-day window, with some older than the 90-day retention', () => {
    const ages = SAMPLE.flatMap((u) =>
      u.events
        .filter((e) => e.type === 'chat')
        .map((e) => (NOW.getTime() - Date.parse(e.occurredAt)) / DAY_MS),
    );
    expect(ages.reduce((m, a) => Math.min(m, a), Infinity)).toBeGreaterThanOrEqual(0);
    expect(ages.reduce((m, a) => Math.max(m, a), 0)).toBeLessThanOrEqual(120);
    const old = ages.filter((a) => a > 90).length / ages.length;
    expect(old).toBeGreaterThan(0.02);
    expect(old).toBeLessThan(0.25);
    expect(ages.filter((a) => a < 30).length / ages.length).toBeGreaterThan(0.3);
  });
});

describe('population', () => {
  it('uses only known countries, and about a fifth of users are in excluded regions', () => {
    const known = new Set(listCountries(NOW).map((c) => c.code));
    for (const code of Object.keys(COUNTRY_WEIGHTS)) {
      expect(known.has(code), code).toBe(true);
      expect(isExcludedCountry(code, NOW), code).toBe(DEMO_EXCLUDED_COUNTRIES.has(code));
    }
    const excluded = share((u) => isExcludedCountry(u.country, NOW));
    expect(excluded).toBeGreaterThan(0.17);
    expect(excluded).toBeLessThan(0.27);
    expect(share((u) => u.country === 'KR')).toBeGreaterThan(0.01);
    expect(share((u) => u.country === 'GB')).toBeGreaterThan(0.02);
    expect(share((u) => u.country === 'US')).toBeGreaterThan(0.12);
  });

  it('spans ages 13 to 80 with a visible share of minors', () => {
    const ages = SAMPLE.map((u) => NOW.getUTCFullYear() - u.birthYear);
    expect(Math.min(...ages)).toBe(13);
    expect(Math.max(...ages)).toBe(81); // born before their birthday: at most 80
    const minors = share((u) => NOW.getUTCFullYear() - u.birthYear - 1 < 18);
    expect(minors).toBeGreaterThan(0.07);
    expect(minors).toBeLessThan(0.12);
  });

  it('has about 3 % opted-out users, a third of them opting out later', () => {
    const optedOut = share((u) => u.optedOut || u.optedOutLaterAt !== null);
    expect(optedOut).toBeGreaterThan(0.024);
    expect(optedOut).toBeLessThan(0.036);
    expect(share((u) => u.optedOutLaterAt !== null)).toBeGreaterThan(0.006);
  });

  it('draws interests with a Zipf head and correlated clusters', () => {
    const counts = new Map<string, number>();
    for (const user of SAMPLE) for (const id of user.interests) counts.set(id, (counts.get(id) ?? 0) + 1);
    const ranked = [...counts.values()].sort((a, b) => b - a);
    expect(ranked[0]).toBeGreaterThan(3 * (ranked[19] ?? 0));
    expect(ranked[0]).toBeGreaterThan(10 * (ranked[ranked.length - 1] ?? 0));
    // The most popular interest leads the popularity order.
    expect(counts.get(POPULARITY_ORDER[0] as string)).toBe(ranked[0]);

    const lift = (a: string, b: string) => {
      const withA = SAMPLE.filter((u) => u.interests.includes(a));
      const pBgivenA = withA.filter((u) => u.interests.includes(b)).length / withA.length;
      return pBgivenA / share((u) => u.interests.includes(b));
    };
    expect(lift('725', '720')).toBeGreaterThan(3); // camping ↔ adventure travel (hiking)
    expect(lift('354', '679')).toBeGreaterThan(3); // babies ↔ children's clothing
    expect(lift('737', '703')).toBeGreaterThan(3); // PC games ↔ consumer electronics
    expect(lift('410', '408')).toBeGreaterThan(2); // running ↔ fitness
  });

  it('uses real, non-sensitive IAB Interest ids, each in the popularity order once', () => {
    for (const topic of TOPICS) {
      expect(getInterest(topic.id)?.name, topic.id).toBe(topic.name);
      expect(isSensitiveInterest(topic.id), topic.name).toBe(false);
    }
    expect([...POPULARITY_ORDER].sort()).toEqual(TOPICS.map((t) => t.id).sort());
  });
});

describe('messages', () => {
  const chats = SAMPLE.flatMap((u) =>
    u.kinds.map((kind, i) => ({
      kind,
      text: (u.events.filter((e) => e.type === 'chat')[i] as { text: string }).text,
    })),
  );

  it('mix interest, sensitive and small-talk messages', () => {
    const shareOf = (kind: string) => chats.filter((c) => c.kind === kind).length / chats.length;
    expect(shareOf('sensitive')).toBeGreaterThan(0.035);
    expect(shareOf('sensitive')).toBeLessThan(0.065);
    expect(shareOf('small-talk')).toBeGreaterThan(0.09);
    expect(shareOf('small-talk')).toBeLessThan(0.15);
    expect(chats.length / SAMPLE.length).toBeGreaterThan(4);
    expect(chats.length / SAMPLE.length).toBeLessThan(7);
  });

  it('are varied sentences, not keywords', () => {
    const interest = chats.filter((c) => c.kind === 'interest').map((c) => c.text);
    const frequency = new Map<string, number>();
    for (const text of interest) frequency.set(text, (frequency.get(text) ?? 0) + 1);
    expect(frequency.size).toBeGreaterThan(interest.length / 4);
    const mostCommon = [...frequency.values()].reduce((m, n) => Math.max(m, n), 0);
    expect(mostCommon / interest.length).toBeLessThan(0.005);
    const words = interest.map((t) => t.split(/\s+/).length).sort((a, b) => a - b);
    expect(words[Math.floor(words.length / 2)]).toBeGreaterThanOrEqual(7);
    expect(interest.every((t) => !/\{\w+\}/.test(t))).toBe(true);
  });
});
