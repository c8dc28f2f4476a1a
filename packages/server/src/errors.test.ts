import { AUDIENCE_ERROR_CODES, AudienceError } from '@parlance/audience';
import { DbError } from '@parlance/db';
import { SignalsError } from '@parlance/signals';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError, PUBLIC_ERROR_CODES, SERVER_CODE_MAP, ServerError, toPublicError } from './errors.js';

const asResolverError = (original: Error) =>
  new GraphQLError(original.message, { path: ['x'], originalError: original });

describe('error mapping', () => {
  it('maps every audience code to a public code, keeping the authored message', () => {
    for (const code of AUDIENCE_ERROR_CODES) {
      const pub = toPublicError(new AudienceError(code, `msg ${code}`));
      expect(PUBLIC_ERROR_CODES).toContain(pub.code);
      expect(pub.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
    expect(toPublicError(new AudienceError('SENSITIVE_INTEREST', 'no')).code).toBe('SENSITIVE_INTEREST');
    expect(toPublicError(new AudienceError('PRIVACY_BUDGET_EXHAUSTED', 'spent')).code).toBe(
      'PRIVACY_BUDGET_EXHAUSTED',
    );
    expect(toPublicError(new AudienceError('NOT_READY', 'x')).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('maps every server code', () => {
    for (const [code, expected] of Object.entries(SERVER_CODE_MAP)) {
      expect(toPublicError(new ServerError(code as keyof typeof SERVER_CODE_MAP, 'm')).code).toBe(expected);
    }
  });

  it('maps signals and database errors, masking their messages', () => {
    const s = toPublicError(new SignalsError('DB_UNAVAILABLE', 'driver said: password=hunter2'));
    expect(s).toMatchObject({ code: 'SERVICE_UNAVAILABLE', masked: true });
    expect(s.message).not.toContain('hunter2');
    expect(toPublicError(new DbError('DB_UNREACHABLE', 'at postgres://u:p@h')).code).toBe(
      'SERVICE_UNAVAILABLE',
    );
    expect(toPublicError(Object.assign(new Error('boom'), { code: 'ECONNREFUSED' })).code).toBe(
      'SERVICE_UNAVAILABLE',
    );
  });

  it('masks anything unknown as INTERNAL_SERVER_ERROR, without message or stack', () => {
    const formatted = formatError(
      {
        message: 'relation "x" does not exist',
        path: ['x'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at ...'] },
      },
      asResolverError(new Error('relation "x" does not exist')),
    );
    expect(formatted).toEqual({
      message: 'Internal server error.',
      path: ['x'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes protocol errors through and shapes domain errors from resolvers', () => {
    const parse = formatError(
      { message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('Syntax Error'),
    );
    expect(parse.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const domain = formatError(
      { message: 'x', path: ['audienceEstimate'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      asResolverError(new AudienceError('UNKNOWN_INTEREST', 'Unknown interest 999.', { ids: ['999'] })),
    );
    expect(domain).toMatchObject({
      message: 'Unknown interest 999.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'UNKNOWN_INTEREST', ids: ['999'] },
    });
    // A resolver cannot smuggle a public code through a plain GraphQLError with a path.
    const smuggled = formatError(
      { message: 'secret', path: ['x'], extensions: { code: 'NOT_FOUND' } },
      asResolverError(new Error('secret')),
    );
    expect(smuggled.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
