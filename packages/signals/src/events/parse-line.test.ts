import { describe, expect, it } from 'vitest';
import { parseLine } from './parse-line.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const chat = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'chat',
    eventId: 'e1',
    userId: 'u1',
    occurredAt: '2025-06-10T10:00:00Z',
    text: 'hi',
    surface: 'app',
    ...over,
  });
const profile = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'profile',
    eventId: 'e2',
    userId: 'u1',
    occurredAt: '2025-06-10T10:00:00+02:00',
    country: 'us',
    birthYear: 1990,
    optedOut: false,
    ...over,
  });

describe('parseLine', () => {
  it('reads a chat and a profile event (country upper-cased, offsets honoured)', () => {
    const c = parseLine(chat(), NOW);
    expect(c).toMatchObject({ ok: true, event: { type: 'chat', text: 'hi' } });
    const p = parseLine(profile(), NOW);
    expect(p).toMatchObject({ ok: true, event: { type: 'profile', country: 'US' } });
    expect(p.ok && p.occurredAt.toISOString()).toBe('2025-06-10T08:00:00.000Z');
  });

  it.each([
    ['not json', '{"type":', { reason: 'INVALID_JSON' }],
    ['an array', '[1]', { reason: 'NOT_AN_OBJECT' }],
    ['a scalar', '42', { reason: 'NOT_AN_OBJECT' }],
    ['no type', JSON.stringify({ eventId: 'x' }), { reason: 'MISSING_FIELD', field: 'type' }],
    ['an unknown type', chat({ type: 'click' }), { reason: 'UNKNOWN_TYPE' }],
    ['no text', chat({ text: undefined }), { reason: 'MISSING_FIELD', field: 'text' }],
    ['no eventId', chat({ eventId: undefined }), { reason: 'MISSING_FIELD', field: 'eventId' }],
    ['an empty userId', chat({ userId: '' }), { reason: 'INVALID_FIELD', field: 'userId' }],
    [
      'a numeric birth year string',
      profile({ birthYear: '1990' }),
      { reason: 'INVALID_FIELD', field: 'birthYear' },
    ],
    ['a 3-letter country', profile({ country: 'USA' }), { reason: 'INVALID_FIELD', field: 'country' }],
    ['a non-boolean opt-out', profile({ optedOut: 'no' }), { reason: 'INVALID_FIELD', field: 'optedOut' }],
    ['no occurredAt', chat({ occurredAt: undefined }), { reason: 'MISSING_FIELD', field: 'occurredAt' }],
    ['a numeric occurredAt', chat({ occurredAt: 1718000000 }), { reason: 'BAD_DATE', field: 'occurredAt' }],
    ['a date without time', chat({ occurredAt: '2025-06-10' }), { reason: 'BAD_DATE', field: 'occurredAt' }],
    [
      'a date without zone',
      chat({ occurredAt: '2025-06-10T10:00:00' }),
      { reason: 'BAD_DATE', field: 'occurredAt' },
    ],
    [
      '30 February',
      chat({ occurredAt: '2025-02-30T10:00:00Z' }),
      { reason: 'BAD_DATE', field: 'occurredAt' },
    ],
    ['hour 25', chat({ occurredAt: '2025-02-03T25:00:00Z' }), { reason: 'BAD_DATE', field: 'occurredAt' }],
    [
      'a date two days ahead',
      chat({ occurredAt: '2025-06-17T13:00:00Z' }),
      { reason: 'BAD_DATE', field: 'occurredAt' },
    ],
    ['an oversized line', chat({ text: 'x'.repeat(40_000) }), { reason: 'LINE_TOO_LONG' }],
    ['an oversized text', chat({ text: 'x'.repeat(16_001) }), { reason: 'INVALID_FIELD', field: 'text' }],
  ])('refuses %s', (_name, line, expected) => {
    expect(parseLine(line, NOW)).toEqual({ ok: false, ...expected });
  });

  it('ignores unknown extra fields', () => {
    expect(parseLine(chat({ locale: 'en' }), NOW).ok).toBe(true);
  });

  it('never echoes the line in a refusal', () => {
    const secret = 'canary-text-91f';
    for (const line of [
      `{"text":"${secret}`,
      chat({ text: secret, occurredAt: secret }),
      chat({ type: secret }),
    ]) {
      expect(JSON.stringify(parseLine(line, NOW))).not.toContain(secret);
    }
  });
});
