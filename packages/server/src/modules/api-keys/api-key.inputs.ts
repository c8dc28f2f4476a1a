import { Field, InputType } from 'type-graphql';
import { ApiKeyScope } from './api-key.type.js';

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  name!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];
}
