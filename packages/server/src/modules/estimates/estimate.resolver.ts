import { Arg, Authorized, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ServerError } from '../../errors.js';
import { AudienceSpecInput } from './estimate.inputs.js';
import * as estimates from './estimate.service.js';
import {
  AudienceEstimate,
  BreakdownCell,
  BreakdownDimension,
  InterestAffinity,
  ReachForecast,
} from './estimate.type.js';

@Resolver(() => AudienceEstimate)
export class EstimateResolver {
  @Authorized('audiences:read')
  @Query(() => AudienceEstimate, {
    description: 'Audience size as a privacy-safe range. Spends ε once per distinct answer.',
  })
  audienceEstimate(
    @Arg('spec', () => AudienceSpecInput) spec: AudienceSpecInput,
    @Ctx() context: Context,
  ): Promise<AudienceEstimate> {
    return estimates.estimate(context, spec);
  }

  @Authorized('audiences:read')
  @FieldResolver(() => [BreakdownCell], {
    description: 'Cells that pass the threshold; see breakdownSuppressedCells for the others.',
  })
  async breakdown(
    @Root() estimate: AudienceEstimate,
    @Arg('by', () => BreakdownDimension) by: BreakdownDimension,
    @Ctx() context: Context,
  ): Promise<BreakdownCell[]> {
    return (await estimates.breakdown(context, estimate, by)).cells;
  }

  @Authorized('audiences:read')
  @FieldResolver(() => Int, { description: 'How many cells were below the threshold: counted, never shown.' })
  async breakdownSuppressedCells(
    @Root() estimate: AudienceEstimate,
    @Arg('by', () => BreakdownDimension) by: BreakdownDimension,
    @Ctx() context: Context,
  ): Promise<number> {
    return (await estimates.breakdown(context, estimate, by)).suppressedCells;
  }

  @Authorized('audiences:read')
  @Query(() => ReachForecast)
  reachForecast(
    @Arg('spec', () => AudienceSpecInput) spec: AudienceSpecInput,
    @Arg('budget', () => Float) budget: number,
    @Arg('cpm', () => Float) cpm: number,
    @Arg('days', () => Int) days: number,
    @Arg('frequencyCap', () => Int, { nullable: true }) frequencyCap: number | null,
    @Ctx() context: Context,
  ): Promise<ReachForecast> {
    return estimates.forecast(context, spec, { budget, cpm, days, frequencyCap });
  }

  @Authorized('insights:read')
  @Query(() => [InterestAffinity], { description: 'Related interests with their affinity index (DP top-k).' })
  audienceInsights(
    @Arg('spec', () => AudienceSpecInput) spec: AudienceSpecInput,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() context: Context,
  ): Promise<InterestAffinity[]> {
    const n = first ?? 10;
    if (n < 1 || n > 50)
      throw new ServerError('BAD_USER_INPUT', 'first must be between 1 and 50.', {
        field: 'first',
      });
    return estimates.insights(context, spec, n);
  }
}
