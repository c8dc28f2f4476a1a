import type { DbHandle } from '@parlance/db';
import { isExcludedCountry } from '@parlance/taxonomy';
import { type Classification, classify } from '../classifier/index.js';
import { SignalsError } from '../errors.js';
import type { LineErrorReason } from '../events/parse-line.js';
import { parseLine } from '../events/parse-line.js';
import { eventKey, pseudonymize } from '../pseudonymize.js';
import { utcDay, oldestRetainedDay, DEFAULT_RETENTION_DAYS } from '../retention/retention-window.js';
import { applyBatch, type EventOutcome, isLedgerConflict, type PreparedEvent } from './batch-writer.js';
import type { RegionPolicy } from './policy-gate.js';
import { toSignalsError } from './sql.js';

/** Every reason a line can be counted as rejected: unreadable lines and policy outcomes. */
export type RejectReason = LineErrorReason | Exclude<EventOutcome, 'ACCEPTED'>;

export const REJECT_REASONS: readonly RejectReason[] = [
  'INVALID_JSON',
  'NOT_AN_OBJECT',
  'UNKNOWN_TYPE',
  'MISSING_FIELD',
  'INVALID_FIELD',
  'BAD_DATE',
  'LINE_TOO_LONG',
  'ERASED_USER',
  'UNKNOWN_USER',
  'EXCLUDED_REGION',
  'UNDER_AGE',
  'OPTED_OUT',
  'EXPIRED',
  'SENSITIVE',
  'STALE_PROFILE',
];

/** A line that could not be read as an event. Never carries the line's content. */
export interface LineError {
  /** 1-based line number in the input. */
  line: number;
  reason: LineErrorReason;
  /** The offending field, when one is to blame. */
  field?: string;
}

export interface IngestSummary {
  /** Lines read, blank ones included. */
  lines: number;
  /** New events applied: profiles stored, chats that passed the gate (with or without interests). */
  accepted: number;
  /** Events whose id was applied before (replays, resumed runs), skipped. */
  duplicates: number;
  /** Lines that produced nothing, by reason (every reason present, zero when none). */
  rejected: Record<RejectReason, number>;
  /** The first 100 unreadable lines, with line number and reason. */
  errors: LineError[];
  /** (user, interest, day) rows inserted or incremented. */
  signalsWritten: number;
  durationMs: number;
  /** Lines per second over the whole run. */
  messagesPerSecond: number;
}

export interface IngestProgress {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  signalsWritten: number;
}

export interface IngestorOptions {
  db: DbHandle;
  /** The HMAC key for user pseudonyms and ledger keys (configuration; at least 16 characters). */
  pseudonymKey: string;
  /** Clock for the retention window, future-date check and ledger time (default: system clock). */
  now?: Date | (() => Date);
  /** Events per transaction (default 5,000; 1 to 50,000). */
  batchSize?: number;
  /**
   * Transactions in flight at once, on separate connections (default 2 on Postgres, 1 on
   * PGlite, which has a single connection). Events are routed by user, so order per user holds.
   */
  concurrency?: number;
  /** Called after each committed batch, with running totals. */
  onProgress?: (progress: IngestProgress) => void;
  /** Text → interests; defaults to the package classifier. Injected in tests. */
  classifier?: (text: string) => Classification;
  /** Region policy; defaults to the dated policy of `@parlance/taxonomy`. */
  isExcludedCountry?: RegionPolicy;
  /** Chats older than this many days are not turned into signals (default 90, as the purge). */
  retentionDays?: number;
}

export interface Ingestor {
  /** Ingests NDJSON lines (file, stdin, array, HTTP body) and resolves to a summary. */
  ingestLines(lines: AsyncIterable<string> | Iterable<string>): Promise<IngestSummary>;
}

const MAX_ERRORS = 100;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** The UTC day of an event: its own date when it is written in UTC ('Z'), else computed. */
const dayOf = (iso: string, at: Date) => (/z$/i.test(iso) ? iso.slice(0, 10) : utcDay(at));
/** A user's lane: from the pseudonym's first hex digits, so stable and evenly spread. */
const laneOf = (userId: string, lanes: number) => Number.parseInt(userId.slice(0, 4), 16) % lanes;
const PSEUDONYM_CACHE_LIMIT = 200_000;
const MAX_CONFLICT_RETRIES = 5;

/**
 * Creates an ingestor over a migrated database. Each batch of lines is parsed, pseudonymised
 * and classified in memory (chat text is dropped right there), then gated and written in one
 * transaction, while the next batch is being prepared. Replays and reruns after a crash are
 * safe: the ledger of event keys commits in the same transaction as the signals.
 */
export function createIngestor(options: IngestorOptions): Ingestor {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new SignalsError('INVALID_OPTIONS', 'batchSize must be a whole number between 1 and 50,000.');
  }
  const concurrency = options.concurrency ?? (options.db.kind === 'postgres' ? 2 : 1);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new SignalsError('INVALID_OPTIONS', 'concurrency must be a whole number between 1 and 16.');
  }
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new SignalsError('INVALID_OPTIONS', 'retentionDays must be a whole number of days, at least 1.');
  }
  const key = options.pseudonymKey;
  pseudonymize(key, ''); // validates the key once
  const classifier = options.classifier ?? classify;
  const isExcluded =
    options.isExcludedCountry ?? ((country: string, at: Date) => isExcludedCountry(country, at));
  const clock = options.now;
  const now = (): Date => (clock === undefined ? new Date() : typeof clock === 'function' ? clock() : clock);
  const pseudonyms = new Map<string, string>();
  const userIdOf = (platformId: string): string => {
    let id = pseudonyms.get(platformId);
    if (id === undefined) {
      if (pseudonyms.size >= PSEUDONYM_CACHE_LIMIT) pseudonyms.clear();
      id = pseudonymize(key, platformId);
      pseudonyms.set(platformId, id);
    }
    return id;
  };

  /** Parses, pseudonymises and classifies one line; the chat text goes no further than here. */
  function prepareLine(
    line: string,
    lineNo: number,
    at: Date,
    summary: IngestSummary,
  ): PreparedEvent | undefined {
    if (line.length === 0 || line.trim().length === 0) return undefined;
    const parsed = parseLine(line, at);
    if (!parsed.ok) {
      summary.rejected[parsed.reason]++;
      if (summary.errors.length < MAX_ERRORS) {
        summary.errors.push(
          parsed.field === undefined
            ? { line: lineNo, reason: parsed.reason }
            : { line: lineNo, reason: parsed.reason, field: parsed.field },
        );
      }
      return undefined;
    }
    const { event, occurredAt } = parsed;
    const userId = userIdOf(event.userId);
    const eKey = eventKey(key, event.eventId);
    if (event.type === 'profile') {
      return {
        kind: 'profile',
        key: eKey,
        userId,
        at: occurredAt,
        profile: {
          country: event.country,
          birthYear: event.birthYear,
          optedOut: event.optedOut,
          profileAt: occurredAt,
        },
      };
    }
    let classification: Classification;
    try {
      classification = classifier(event.text);
    } catch (error) {
      // The classifier's own message could quote the text: only its class name is kept.
      throw new SignalsError(
        'CLASSIFIER_FAILED',
        `The classifier failed on line ${lineNo} (${error instanceof Error ? error.name : typeof error}); the batch holding that line was not written.`,
      );
    }
    return {
      kind: 'chat',
      key: eKey,
      userId,
      at: occurredAt,
      day: dayOf(event.occurredAt, occurredAt),
      interests: classification.sensitive ? null : classification.interests.map((m) => m.id),
    };
  }

  async function commit(events: PreparedEvent[], summary: IngestSummary, lastLine: number): Promise<void> {
    const at = now();
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await applyBatch(options.db, events, {
          isExcluded,
          oldestDay: oldestRetainedDay(at, retentionDays),
          processedAt: at,
        });
        summary.accepted += result.accepted;
        summary.duplicates += result.duplicates;
        summary.signalsWritten += result.signalsWritten;
        for (const [reason, n] of Object.entries(result.outcomes))
          summary.rejected[reason as RejectReason] += n;
        break;
      } catch (error) {
        if (isLedgerConflict(error) && attempt < MAX_CONFLICT_RETRIES) continue;
        throw toSignalsError(error, `writing the batch ending at line ${lastLine}`);
      }
    }
    if (options.onProgress) {
      let rejected = 0;
      for (const n of Object.values(summary.rejected)) rejected += n;
      options.onProgress({
        lines: lastLine,
        accepted: summary.accepted,
        duplicates: summary.duplicates,
        rejected,
        signalsWritten: summary.signalsWritten,
      });
    }
  }

  return {
    async ingestLines(lines) {
      const started = performance.now();
      const summary: IngestSummary = {
        lines: 0,
        accepted: 0,
        duplicates: 0,
        rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
        errors: [],
        signalsWritten: 0,
        durationMs: 0,
        messagesPerSecond: 0,
      };
      // Events are split into lanes by user, so one user's events stay in input order (a
      // profile lands before the chats that need it) while lanes write concurrently on their
      // own connections; users never span lanes, so lanes never contend for the same rows. In
      // each lane one batch is written while the next is prepared; preparation yields to the
      // event loop every few hundred lines so the driver keeps the database busy meanwhile. A
      // failure is held until awaited, so it can never surface as an unhandled rejection.
      const lanes = Array.from({ length: concurrency }, () => ({
        events: [] as PreparedEvent[],
        inFlight: undefined as Promise<void> | undefined,
      }));
      let failure: { error: unknown } | undefined;
      let at = now();
      const flush = async (lane: (typeof lanes)[number]) => {
        if (lane.inFlight) await lane.inFlight;
        if (failure) throw failure.error;
        const batch = lane.events;
        lane.events = [];
        lane.inFlight = commit(batch, summary, summary.lines).then(
          () => undefined,
          (error: unknown) => {
            failure = { error };
          },
        );
        at = now();
      };
      try {
        for await (const line of lines) {
          const lineNo = ++summary.lines;
          const event = prepareLine(line, lineNo, at, summary);
          if (event) {
            const lane = lanes[
              concurrency === 1 ? 0 : laneOf(event.userId, concurrency)
            ] as (typeof lanes)[number];
            lane.events.push(event);
            if (lane.events.length >= batchSize) await flush(lane);
          }
          if ((lineNo & 255) === 0) await yieldToEventLoop();
        }
        for (const lane of lanes) if (lane.events.length > 0) await flush(lane);
      } finally {
        for (const lane of lanes) if (lane.inFlight) await lane.inFlight;
      }
      if (failure) throw failure.error;
      summary.durationMs = performance.now() - started;
      summary.messagesPerSecond =
        summary.durationMs > 0 ? Math.round((summary.lines * 1000) / summary.durationMs) : 0;
      return summary;
    },
  };
}
