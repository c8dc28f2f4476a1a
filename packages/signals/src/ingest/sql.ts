import { isConnectionError } from '@parlance/db';
import { SignalsError } from '../errors.js';

/**
 * A Postgres array literal for one text parameter (`$1::text[]`), so a whole batch travels as a
 * handful of parameters and `unnest` turns them into rows. Works the same on PGlite and
 * postgres.js, whose native array binding differs.
 */
export function pgArray(values: readonly (string | number | boolean)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const value = values[i];
    if (typeof value !== 'string') out += String(value);
    else if (value.includes('"') || value.includes('\\')) out += `"${value.replace(/["\\]/g, '\\$&')}"`;
    else out += `"${value}"`;
  }
  return `${out}}`;
}

/** Rows of a drizzle `execute` result: an array on postgres.js, `{ rows }` on PGlite. */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/** Affected-row count of a drizzle `execute` result, on both drivers. */
export function affectedOf(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number };
  return r.count ?? r.affectedRows ?? 0;
}

/**
 * Turns a driver failure into a `SignalsError` whose message is ours: driver messages may
 * quote parameters, and callers should branch on a code, not on text.
 */
export function toSignalsError(error: unknown, doing: string): SignalsError {
  if (error instanceof SignalsError) return error;
  if (isConnectionError(error)) {
    return new SignalsError(
      'DB_UNAVAILABLE',
      `The database went away while ${doing}; nothing of that transaction was kept. Rerun the same input to resume: events already applied are skipped.`,
      { cause: error },
    );
  }
  return new SignalsError(
    'DB_WRITE_FAILED',
    `The database refused the write while ${doing}. Is it migrated (\`parlance migrate\`)?`,
    { cause: error },
  );
}
