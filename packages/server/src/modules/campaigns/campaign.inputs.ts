import { Field, Float, ID, InputType } from 'type-graphql';
import { AudienceSpecInput } from '../estimates/estimate.inputs.js';
import { BudgetType, CampaignObjective } from './campaign.type.js';

@InputType({ description: 'Give exactly one of savedAudienceId or spec.' })
export class CreateCampaignInput {
  @Field(() => String)
  name!: string;

  @Field(() => CampaignObjective)
  objective!: CampaignObjective;

  @Field(() => BudgetType)
  budgetType!: BudgetType;

  @Field(() => Float)
  budgetAmount!: number;

  @Field(() => String)
  currency!: string;

  @Field(() => Float)
  cpmBid!: number;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  startDate!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  endDate?: string | null;

  @Field(() => ID, { nullable: true })
  savedAudienceId?: string | null;

  @Field(() => AudienceSpecInput, { nullable: true })
  spec?: AudienceSpecInput | null;
}

@InputType({
  description: 'Only the fields given change. Giving savedAudienceId or spec replaces the audience.',
})
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => CampaignObjective, { nullable: true })
  objective?: CampaignObjective | null;

  @Field(() => BudgetType, { nullable: true })
  budgetType?: BudgetType | null;

  @Field(() => Float, { nullable: true })
  budgetAmount?: number | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => Float, { nullable: true })
  cpmBid?: number | null;

  @Field(() => String, { nullable: true })
  startDate?: string | null;

  @Field(() => String, { nullable: true })
  endDate?: string | null;

  @Field(() => ID, { nullable: true })
  savedAudienceId?: string | null;

  @Field(() => AudienceSpecInput, { nullable: true })
  spec?: AudienceSpecInput | null;
}
