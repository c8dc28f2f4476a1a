import { chatEventSchema, MAX_LINE_LENGTH, profileEventSchema, type SignalEvent } from './event.schema.js';

/** Why a line could not be read as an event. Never carries the line's content. */
export type LineErrorReason =
  | 'INVALID_JSON'
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_TYPE'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'BAD_DATE'
  | 'LINE_TOO_LONG';

export type ParsedLine =
  | { ok: true; event: SignalEvent; occurredAt: Date }
  | { ok: false; reason: LineErrorReason; field?: string };

/** How far in the future an event time may be (clock skew) before it counts as a bad date. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Parses one NDJSON line into a validated event, or a reason (and field name) it was refused. */
export function parseLine(line: string, now: Date): ParsedLine {
  if (line.length > MAX_LINE_LENGTH) return { ok: false, reason: 'LINE_TOO_LONG' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // The parser's message quotes the input, so only the reason is kept.
    return { ok: false, reason: 'INVALID_JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'NOT_AN_OBJECT' };
  const type = (value as { type?: unknown }).type;
  if (type === undefined) return { ok: false, reason: 'MISSING_FIELD', field: 'type' };
  const schema = type === 'chat' ? chatEventSchema : type === 'profile' ? profileEventSchema : undefined;
  if (!schema) return { ok: false, reason: 'UNKNOWN_TYPE' };
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = typeof issue?.path[0] === 'string' ? issue.path[0] : undefined;
    const missing = field !== undefined && (value as Record<string, unknown>)[field] === undefined;
    if (!missing && field === 'occurredAt') return { ok: false, reason: 'BAD_DATE', field };
    return field === undefined
      ? { ok: false, reason: 'INVALID_FIELD' }
      : { ok: false, reason: missing ? 'MISSING_FIELD' : 'INVALID_FIELD', field };
  }
  const event = parsed.data;
  const at = isCalendarDateTime(event.occurredAt) ? new Date(event.occurredAt) : undefined;
  if (!at || Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + MAX_FUTURE_MS) {
    return { ok: false, reason: 'BAD_DATE', field: 'occurredAt' };
  }
  if (event.type === 'profile') event.country = event.country.toUpperCase();
  return { ok: true, event, occurredAt: at };
}

/** ISO 8601 date-time with a zone, and a day that exists (Date alone accepts 2024-02-30). */
function isCalendarDateTime(value: string): boolean {
  if (!ISO_DATE_TIME.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
