import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.type.js';

/** GraphQL names for the scopes (`audiences:read` ↔ AUDIENCES_READ). */
export enum ApiKeyScope {
  AUDIENCES_READ = 'audiences:read',
  AUDIENCES_WRITE = 'audiences:write',
  CAMPAIGNS_READ = 'campaigns:read',
  CAMPAIGNS_WRITE = 'campaigns:write',
  INSIGHTS_READ = 'insights:read',
  KEYS_ADMIN = 'keys:admin',
}
registerEnumType(ApiKeyScope, { name: 'ApiKeyScope', description: 'What an API key may do.' });

@ObjectType({ description: 'An API key. The secret is never shown again after creation.' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The non-secret head of the key, to recognise it.' })
  prefix!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The full key. Shown once: store it now.' })
  secret!: string;
}

export const ApiKeyConnection = ConnectionType('ApiKey', ApiKey);
