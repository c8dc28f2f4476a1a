import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor, isTimeCursor, type TimeCursor } from './connection.type.js';

/** Parses `after` as a (createdAt, id) keyset cursor; null when there is none. */
export function timeCursorAfter(after: string | null | undefined): TimeCursor | null {
  return after ? decodeCursor(after, isTimeCursor) : null;
}

/** Rows strictly after `cursor` in newest-first (createdAt desc, id desc) order; no cursor, no condition. */
export function olderThanCursor(
  createdAt: PgColumn,
  id: PgColumn,
  cursor: TimeCursor | null,
): SQL | undefined {
  if (!cursor) return undefined;
  const t = new Date(cursor.t);
  return or(lt(createdAt, t), and(eq(createdAt, t), lt(id, cursor.id)));
}

/** The cursor of a row in that order. */
export function timeCursorOf(row: { createdAt: Date; id: string }): string {
  return encodeCursor({ t: row.createdAt.toISOString(), id: row.id });
}
