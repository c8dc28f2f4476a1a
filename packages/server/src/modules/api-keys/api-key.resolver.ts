import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Connection } from '../shared/connection.type.js';
import { CreateApiKeyInput } from './api-key.inputs.js';
import * as keys from './api-key.service.js';
import { ApiKey, ApiKeyConnection, CreateApiKeyPayload } from './api-key.type.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized('keys:admin')
  @Query(() => ApiKeyConnection, { description: "The organisation's API keys, newest first." })
  apiKeys(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<Connection<ApiKey>> {
    return keys.listApiKeys(context, { first, after });
  }

  @Authorized('keys:admin')
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates a key; the secret is in this response only.' })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() context: Context,
  ): Promise<CreateApiKeyPayload> {
    return keys.createApiKey(context, input);
  }

  @Authorized('keys:admin')
  @Mutation(() => ApiKey, { description: 'Revokes a key at once.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ApiKey> {
    return keys.revokeApiKey(context, id);
  }
}
