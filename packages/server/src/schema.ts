import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';
import { ServerError, toPublicError } from './errors.js';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver.js';
import { AudienceResolver, AudienceSpecResolver } from './modules/audiences/audience.resolver.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { authChecker } from './modules/auth/auth.checker.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { CampaignResolver } from './modules/campaigns/campaign.resolver.js';
import { CountryResolver } from './modules/countries/country.resolver.js';
import { EstimateResolver } from './modules/estimates/estimate.resolver.js';
import { InterestResolver } from './modules/interests/interest.resolver.js';

export const RESOLVERS = [
  AuthResolver,
  ApiKeyResolver,
  InterestResolver,
  CountryResolver,
  EstimateResolver,
  AudienceResolver,
  AudienceSpecResolver,
  CampaignResolver,
  AuditResolver,
] as const;

/**
 * An unrecognised resolver failure while the database does not answer is "the database went
 * away" (SERVICE_UNAVAILABLE, retryable), not a bug: drivers do not always say so in a code.
 */
export const databaseHealthMiddleware: MiddlewareFn<Context> = async ({ context }, next) => {
  try {
    return await next();
  } catch (error) {
    if (toPublicError(error).code === 'INTERNAL_SERVER_ERROR') {
      const reachable = await context.services.pingDatabase().then(
        () => true,
        () => false,
      );
      if (!reachable)
        throw new ServerError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly.');
    }
    throw error;
  }
};

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema (built once per process: type-graphql metadata is global). */
export function buildParlanceSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validate: false,
    globalMiddlewares: [databaseHealthMiddleware],
  });
  return built;
}

/** The SDL committed as `schema.graphql`: sorted, so diffs show real changes only. */
export function printParlanceSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
