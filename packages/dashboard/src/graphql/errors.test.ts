import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  describeError,
  errorCode,
  fieldErrors,
  hasErrorCode,
  messageForCode,
} from './errors.ts';
import { GraphQLError } from 'graphql';

function gqlError(code: string | undefined, message = 'server words', extra: Record<string, unknown> = {}) {
  return new CombinedError({
    graphQLErrors: [new GraphQLError(message, { extensions: code ? { code, ...extra } : extra })],
  });
}

describe('error code → message', () => {
  it.each(ERROR_CODES.map((c) => [c]))('%s has plain words of its own', (code) => {
    const shown = describeError(gqlError(code));
    expect(shown.code).toBe(code);
    expect(shown.message).toBe(messageForCode(code));
    expect(shown.message.length).toBeGreaterThan(20);
  });

  it('gives every code a distinct message', () => {
    const messages = new Set(ERROR_CODES.map(messageForCode));
    expect(messages.size).toBe(ERROR_CODES.length);
  });

  it('never shows the raw message of an internal error', () => {
    const shown = describeError(
      gqlError('INTERNAL_SERVER_ERROR', 'relation "signals" does not exist at pg...'),
    );
    expect(shown.detail).toBeUndefined();
    expect(JSON.stringify(shown)).not.toContain('relation');
  });

  it('treats unknown or missing codes as internal and hides their message', () => {
    expect(errorCode(gqlError('SOMETHING_NEW', 'secret detail'))).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCode(gqlError(undefined, 'secret detail'))).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(describeError(gqlError(undefined, 'secret detail')))).not.toContain('secret');
  });

  it('branches on the code, not the message', () => {
    expect(errorCode(gqlError('BELOW_THRESHOLD', 'PRIVACY_BUDGET_EXHAUSTED'))).toBe('BELOW_THRESHOLD');
    expect(hasErrorCode(gqlError('FORBIDDEN', 'UNAUTHENTICATED'), 'UNAUTHENTICATED')).toBe(false);
  });

  it('keeps the advertiser-facing detail for input errors', () => {
    expect(describeError(gqlError('BAD_USER_INPUT', 'endDate is before startDate')).detail).toBe(
      'endDate is before startDate',
    );
  });

  it('reports network failures as NETWORK', () => {
    const error = new CombinedError({ networkError: new Error('fetch failed') });
    expect(errorCode(error)).toBe('NETWORK');
    expect(describeError(error).message).toMatch(/Cannot reach Parlance/);
  });

  it('reads retry-after for RATE_LIMITED', () => {
    expect(describeError(gqlError('RATE_LIMITED', 'slow down', { retryAfter: 2.2 })).retryAfterSeconds).toBe(
      3,
    );
  });

  it('maps BAD_USER_INPUT errors that name a field', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Too long', { extensions: { code: 'BAD_USER_INPUT', field: 'name' } }),
        new GraphQLError('Nope', { extensions: { code: 'FORBIDDEN', field: 'cpmBid' } }),
      ],
    });
    expect(fieldErrors(error)).toEqual({ name: 'Too long' });
  });
});
