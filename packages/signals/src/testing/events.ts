/** NDJSON lines for tests. */
export function profileLine(
  eventId: string,
  userId: string,
  occurredAt: string,
  extra: Partial<{ country: string; birthYear: number; optedOut: boolean }> = {},
): string {
  return JSON.stringify({
    type: 'profile',
    eventId,
    userId,
    occurredAt,
    country: extra.country ?? 'US',
    birthYear: extra.birthYear ?? 1990,
    optedOut: extra.optedOut ?? false,
  });
}

export function chatLine(eventId: string, userId: string, occurredAt: string, text: string): string {
  return JSON.stringify({ type: 'chat', eventId, userId, occurredAt, text, surface: 'app' });
}
