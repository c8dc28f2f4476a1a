import { z } from 'zod';

/** Longest accepted NDJSON line, in UTF-16 code units (a chat message plus its envelope). */
export const MAX_LINE_LENGTH = 32_768;
/** Longest accepted chat text. */
export const MAX_TEXT_LENGTH = 16_000;

const id = (what: string) => z.string().min(1).max(256).describe(what);
const occurredAt = z
  .string()
  .describe('When the event happened: ISO 8601 date-time with a time zone (Z or ±hh:mm).')
  .meta({ format: 'date-time' });

/** A user's profile as the platform knows it. The latest `occurredAt` wins. */
export const profileEventSchema = z
  .object({
    type: z.literal('profile'),
    eventId: id('Producer-unique event id; an event id is applied at most once.'),
    userId: id('Platform user id; pseudonymised on the way in and never stored.'),
    occurredAt,
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .describe('ISO 3166-1 alpha-2 country of the user at occurredAt.'),
    birthYear: z.number().int().min(1900).max(2100).describe('Year of birth.'),
    optedOut: z.boolean().describe('True when the user opted out of interest-based advertising.'),
  })
  .meta({ title: 'Parlance profile event', $id: 'https://parlance.dev/schema/profile-event.json' });

/** One message a user sent to the assistant. `text` is classified, then dropped. */
export const chatEventSchema = z
  .object({
    type: z.literal('chat'),
    eventId: id('Producer-unique event id; an event id is applied at most once.'),
    userId: id('Platform user id; pseudonymised on the way in and never stored.'),
    occurredAt,
    text: z.string().max(MAX_TEXT_LENGTH).describe('The message text. Classified in memory, never stored.'),
    surface: z
      .string()
      .min(1)
      .max(64)
      .describe('Where the message was sent from (e.g. "app", "web", "api").'),
  })
  .meta({ title: 'Parlance chat event', $id: 'https://parlance.dev/schema/chat-event.json' });

export type ProfileEvent = z.infer<typeof profileEventSchema>;
export type ChatEvent = z.infer<typeof chatEventSchema>;
/** One NDJSON line of the ingestion format. */
export type SignalEvent = ProfileEvent | ChatEvent;

/** The JSON Schema documents committed in `packages/signals/schema/`. */
export function eventJsonSchemas(): Record<string, unknown> {
  return {
    'profile-event.schema.json': z.toJSONSchema(profileEventSchema, { target: 'draft-2020-12', io: 'input' }),
    'chat-event.schema.json': z.toJSONSchema(chatEventSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
