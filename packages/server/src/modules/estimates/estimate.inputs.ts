import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description:
    'AND of OR-groups of interest ids, minus exclusions, filtered by country, age and recency. ' +
    'Canonicalised before use: reordering or duplicating terms gives the identical answer.',
})
export class AudienceSpecInput {
  @Field(() => [[ID]], { description: 'Each inner list is an OR-group; the groups are ANDed.' })
  include!: string[][];

  @Field(() => [ID], { nullable: true })
  exclude?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes (any of).' })
  countries?: string[] | null;

  @Field(() => Int, { nullable: true })
  ageMin?: number | null;

  @Field(() => Int, { nullable: true })
  ageMax?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Signals seen in the last N days (default 30, at most 90).',
  })
  recencyDays?: number | null;
}
