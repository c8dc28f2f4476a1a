import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Connection } from '../shared/connection.type.js';
import * as interests from './interest.service.js';
import { Interest, InterestConnection, SizeRange } from './interest.type.js';

@Resolver(() => Interest)
export class InterestResolver {
  @Authorized()
  @Query(() => InterestConnection, {
    description: 'Browse the taxonomy (children of parentId; roots by default) or search it.',
  })
  interests(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Connection<Interest> {
    return interests.listInterests({ search, parentId, first, after });
  }

  @Authorized()
  @Query(() => Interest, { nullable: true, description: 'One interest by id; null if unknown or sensitive.' })
  interest(@Arg('id', () => ID) id: string): Interest | null {
    return interests.findInterest(id);
  }

  @FieldResolver(() => SizeRange, {
    nullable: true,
    description: 'People with this interest in the last 90 days; null below the threshold.',
  })
  sizeRange(@Root() interest: Interest, @Ctx() context: Context): SizeRange | null {
    return interests.interestSizeRange(context.services.engine, interest.id);
  }
}
