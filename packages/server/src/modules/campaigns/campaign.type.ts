import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AudienceSizing, AudienceSpec, SavedAudience } from '../audiences/audience.type.js';
import { ConnectionType } from '../shared/connection.type.js';

export enum CampaignObjective {
  AWARENESS = 'AWARENESS',
  TRAFFIC = 'TRAFFIC',
  CONVERSIONS = 'CONVERSIONS',
}
registerEnumType(CampaignObjective, { name: 'CampaignObjective' });

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
}
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });

export enum BudgetType {
  DAILY = 'DAILY',
  LIFETIME = 'LIFETIME',
}
registerEnumType(BudgetType, { name: 'BudgetType' });

@ObjectType()
export class Campaign {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CampaignObjective)
  objective!: CampaignObjective;

  @Field(() => CampaignStatus)
  status!: CampaignStatus;

  @Field(() => BudgetType)
  budgetType!: BudgetType;

  @Field(() => Float)
  budgetAmount!: number;

  @Field(() => String, { description: 'ISO 4217 code.' })
  currency!: string;

  @Field(() => Float, { description: 'Bid per thousand impressions, in `currency`.' })
  cpmBid!: number;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  startDate!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; required for a lifetime budget.' })
  endDate!: string | null;

  @Field(() => SavedAudience, {
    nullable: true,
    description: 'The saved audience, when the campaign uses one.',
  })
  savedAudience!: SavedAudience | null;

  @Field(() => AudienceSpec, { description: 'The spec the campaign targets (saved or inline).' })
  spec!: AudienceSpec;

  @Field(() => AudienceSizing, {
    nullable: true,
    description: 'Sizing taken when the campaign was last saved.',
  })
  sizing!: AudienceSizing | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const CampaignConnection = ConnectionType('Campaign', Campaign);
