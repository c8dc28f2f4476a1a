import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A country and whether its users may contribute signals today.' })
export class Country {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  excluded!: boolean;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}
