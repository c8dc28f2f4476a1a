import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.type.js';

@ObjectType({
  description: 'An audience spec as stored (the advertiser’s form; its hash is of the canonical form).',
})
export class AudienceSpec {
  @Field(() => [[ID]])
  include!: string[][];

  @Field(() => [ID])
  exclude!: string[];

  @Field(() => [String])
  countries!: string[];

  @Field(() => Int, { nullable: true })
  ageMin!: number | null;

  @Field(() => Int, { nullable: true })
  ageMax!: number | null;

  @Field(() => Int, { nullable: true })
  recencyDays!: number | null;
}

@ObjectType({ description: 'The privacy-safe sizing taken when the audience or campaign was saved.' })
export class AudienceSizing {
  @Field(() => Boolean)
  belowThreshold!: boolean;

  @Field(() => Int, { nullable: true })
  lowerBound!: number | null;

  @Field(() => Int, { nullable: true })
  upperBound!: number | null;

  @Field(() => ID)
  snapshotId!: string;

  @Field(() => Date)
  takenAt!: Date;
}

@ObjectType()
export class SavedAudience {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AudienceSpec)
  spec!: AudienceSpec;

  @Field(() => String)
  specHash!: string;

  @Field(() => AudienceSizing, { nullable: true })
  sizing!: AudienceSizing | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const SavedAudienceConnection = ConnectionType('SavedAudience', SavedAudience);
