import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.type.js';

@ObjectType({ description: 'A privacy-safe size range: noised, rounded, never below the threshold.' })
export class SizeRange {
  @Field(() => Int)
  lowerBound!: number;

  @Field(() => Int)
  upperBound!: number;
}

@ObjectType({ description: 'A targetable node of the IAB interest taxonomy. Sensitive nodes never appear.' })
export class Interest {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'Names from the root down to this node.' })
  path!: string[];

  @Field(() => Int)
  tier!: number;

  @Field(() => Boolean)
  hasChildren!: boolean;
}

export const InterestConnection = ConnectionType('Interest', Interest);
