import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AudienceSpecArgs } from '../../engine/port.js';
import { Interest } from '../interests/interest.type.js';

export enum BreakdownDimension {
  COUNTRY = 'COUNTRY',
  AGE_BAND = 'AGE_BAND',
}
registerEnumType(BreakdownDimension, { name: 'BreakdownDimension' });

@ObjectType({ description: 'One breakdown cell that passed the threshold.' })
export class BreakdownCell {
  @Field(() => String, { description: 'Country code or age band (e.g. "25-34").' })
  key!: string;

  @Field(() => Int)
  lowerBound!: number;

  @Field(() => Int)
  upperBound!: number;
}

@ObjectType({ description: 'A privacy-safe audience size: a range, or belowThreshold and no number.' })
export class AudienceEstimate {
  @Field(() => Boolean)
  belowThreshold!: boolean;

  @Field(() => Int, { nullable: true })
  lowerBound!: number | null;

  @Field(() => Int, { nullable: true })
  upperBound!: number | null;

  @Field(() => ID)
  snapshotId!: string;

  @Field(() => Float, { description: 'ε left today after this answer.' })
  privacyBudgetRemaining!: number;

  @Field(() => String, { description: 'Hash of the canonical spec: equal specs share it.' })
  specHash!: string;

  // Carried for the breakdown fields; not exposed.
  spec!: AudienceSpecArgs;
  breakdowns!: Map<string, Promise<Breakdown>>;
}

/** Internal: one breakdown answer, shared by `breakdown` and `breakdownSuppressedCells`. */
export interface Breakdown {
  cells: BreakdownCell[];
  suppressedCells: number;
}

@ObjectType({ description: 'One point of the reach curve (rounded to two significant digits).' })
export class ReachPoint {
  @Field(() => Float, { description: 'Spend at this point.' })
  budget!: number;

  @Field(() => Int)
  impressions!: number;

  @Field(() => Int, { description: 'Expected people reached (central value).' })
  reach!: number;

  @Field(() => Float)
  averageFrequency!: number;

  @Field(() => Int)
  reachLowerBound!: number;

  @Field(() => Int)
  reachUpperBound!: number;
}

@ObjectType({ description: 'Expected reach for a budget, CPM and duration.' })
export class ReachForecast {
  @Field(() => Boolean)
  belowThreshold!: boolean;

  @Field(() => ID)
  snapshotId!: string;

  @Field(() => Int)
  impressions!: number;

  @Field(() => Int, { nullable: true, description: 'Expected people reached at the full budget.' })
  reach!: number | null;

  @Field(() => Int, { nullable: true })
  reachLowerBound!: number | null;

  @Field(() => Int, { nullable: true })
  reachUpperBound!: number | null;

  @Field(() => Float, { nullable: true })
  averageFrequency!: number | null;

  @Field(() => [ReachPoint], { description: 'Reach by budget (a reach curve).' })
  curve!: ReachPoint[];

  @Field(() => Float)
  privacyBudgetRemaining!: number;
}

@ObjectType({
  description:
    'An interest over-represented in the audience (affinityIndex above 100 means more than baseline).',
})
export class InterestAffinity {
  @Field(() => Interest)
  interest!: Interest;

  @Field(() => Float, {
    description:
      'How much more common the interest is in the audience than in the whole population, ×100: 100 = baseline (as common as everywhere), 250 = 2.5 times as common.',
  })
  affinityIndex!: number;

  @Field(() => Int)
  overlapLowerBound!: number;

  @Field(() => Int)
  overlapUpperBound!: number;
}
