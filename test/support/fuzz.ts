/**
 * Shared oracles for the fuzz tests: what every response must satisfy whatever the input.
 */
import fc from 'fast-check';

/** The closed set of `extensions.code` values a client may see (docs/api.md, server errors.ts). */
export const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BELOW_THRESHOLD',
  'SENSITIVE_INTEREST',
  'PRIVACY_BUDGET_EXHAUSTED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Signs of a leaked stack trace, file path or database driver message. */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\n\s+at [\w$.<>[\] ]+ ?\(/, // stack frame
  /\bat (?:async )?[\w$.]+ \((?:file:|\/|node:)/,
  /node_modules/,
  /\/work\/|\/home\/|\/tmp\/parlance/,
  /\.(?:ts|js|mjs):\d+:\d+/,
  /syntax error at or near/i,
  /violates (?:foreign key|unique|not-null|check) constraint/i,
  /duplicate key value/i,
  /relation "[^"]+" does not exist/i,
  /column "[^"]+" (?:of relation|does not exist)/i,
  /invalid input syntax for type/i,
  /\bSQLSTATE\b|\bPostgresError\b|\bDrizzleQueryError\b|\bFailed query:/,
  /\bECONNREFUSED\b|\bECONNRESET\b/,
  /\bpglite\b/i,
  /TypeError: |ReferenceError: |RangeError: |Cannot read propert/,
];

/**
 * Every string value in a JSON-like value (to scrub echoes of our own input before scanning).
 * Iterative: the fuzz sends 5,000-deep values, deeper than the call stack allows to recurse.
 */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return out;
}

/** The leak patterns found in `text` once our own input strings are removed from it. */
export function leaksIn(text: string, input: unknown): string[] {
  let scrubbed = text;
  const echoes = stringsIn(input)
    .filter((s) => s.length >= 4)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  for (const s of echoes.sort((a, b) => b.length - a.length)) scrubbed = scrubbed.split(s).join('');
  return LEAK_PATTERNS.filter((p) => p.test(scrubbed)).map(String);
}

export const SQL_PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE interest_signals; --",
  "1; DELETE FROM organizations WHERE '1'='1",
  "\\'; SELECT pg_sleep(5); --",
  '" OR ""="',
  "') UNION SELECT email, password_hash FROM members --",
  '$1',
  '%',
  '_',
  "E'\\x00'",
  '1e309',
  '00000000-0000-0000-0000-000000000000',
];

export const SCRIPT_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  '$' + '{7*7}', // a template-injection probe, built so it is not a template
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0041\u200b',
  '𝕿𝖊𝖘𝖙 🧨 ﷽',
  'ＧＯＬＦ',
  '\ud800',
  '\r\n\t\u0007\u001b[31m',
];

/** Adversarial strings: payloads, arbitrary unicode, control characters, very long strings. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL_PAYLOADS, ...SCRIPT_PAYLOADS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
);
