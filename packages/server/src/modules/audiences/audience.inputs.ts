import { Field, InputType } from 'type-graphql';
import { AudienceSpecInput } from '../estimates/estimate.inputs.js';

@InputType()
export class SaveAudienceInput {
  @Field(() => String)
  name!: string;

  @Field(() => AudienceSpecInput)
  spec!: AudienceSpecInput;
}

@InputType()
export class UpdateAudienceInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => AudienceSpecInput, { nullable: true })
  spec?: AudienceSpecInput | null;
}
