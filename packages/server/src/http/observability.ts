import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { isPublicCode, PROTOCOL_ERROR_CODES, toPublicError } from '../errors.js';
import type { Metrics } from './metrics.js';

const PROTOCOL = new Set<string>(PROTOCOL_ERROR_CODES);

/** The public code an error will carry (mirrors formatError), for metrics and logs. */
export function codeOf(error: GraphQLError): string {
  const code = error.extensions?.code;
  if (typeof code === 'string' && !error.originalError && (PROTOCOL.has(code) || isPublicCode(code)))
    return code;
  return toPublicError(error).code;
}

/**
 * Latency by operation, errors by code, and one log line per masked error with the request id
 * (the client sees only INTERNAL_SERVER_ERROR; operators find the cause by request id).
 */
export function observabilityPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async contextCreationDidFail({ error }) {
      metrics.errors.inc({ code: error instanceof GraphQLError ? codeOf(error) : 'INTERNAL_SERVER_ERROR' });
    },
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, contextValue: context }) {
          for (const error of errors) {
            const code = codeOf(error);
            metrics.errors.inc({ code });
            if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
              const cause =
                error instanceof GraphQLError && error.originalError ? error.originalError : error;
              context.logger.error({ err: cause, code, path: error.path }, 'request failed');
            }
          }
        },
        async willSendResponse({ operationName, operation }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.requestDuration.observe(
            { operation: operationName ?? 'anonymous', kind: operation?.operation ?? 'unknown' },
            seconds,
          );
          contextValue.logger.debug({ operation: operationName, ms: Math.round(seconds * 1000) }, 'graphql');
        },
      };
    },
  };
}
