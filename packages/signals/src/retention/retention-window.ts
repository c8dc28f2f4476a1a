/** Default retention window for signals, in days (PRIVACY.md). */
export const DEFAULT_RETENTION_DAYS = 90;

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The oldest day still inside a window of `retentionDays` ending on the UTC day of `now`. */
export function oldestRetainedDay(now: Date, retentionDays: number): string {
  return utcDay(new Date(now.getTime() - retentionDays * 86_400_000));
}
