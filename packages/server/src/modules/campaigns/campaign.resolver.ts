import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Connection } from '../shared/connection.type.js';
import { CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs.js';
import * as campaigns from './campaign.service.js';
import { Campaign, CampaignConnection, CampaignStatus } from './campaign.type.js';

@Resolver()
export class CampaignResolver {
  @Authorized('campaigns:read')
  @Query(() => CampaignConnection, { description: "The organisation's campaigns, newest first." })
  campaigns(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('status', () => CampaignStatus, { nullable: true }) status: CampaignStatus | null,
    @Ctx() context: Context,
  ): Promise<Connection<Campaign>> {
    return campaigns.listCampaigns(context, { first, after, status });
  }

  @Authorized('campaigns:read')
  @Query(() => Campaign)
  campaign(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Campaign> {
    return campaigns.getCampaign(context, id);
  }

  @Authorized('campaigns:write')
  @Mutation(() => Campaign, { description: 'Creates a DRAFT campaign with the sizing taken now.' })
  createCampaign(
    @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput,
    @Ctx() context: Context,
  ): Promise<Campaign> {
    return campaigns.createCampaign(context, input);
  }

  @Authorized('campaigns:write')
  @Mutation(() => Campaign)
  updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() context: Context,
  ): Promise<Campaign> {
    return campaigns.updateCampaign(context, id, input);
  }

  @Authorized('campaigns:write')
  @Mutation(() => Campaign, {
    description: 'DRAFT→ACTIVE (launch: audience ≥ the minimum, valid schedule), ACTIVE⇄PAUSED, any→ENDED.',
  })
  setCampaignStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => CampaignStatus) status: CampaignStatus,
    @Ctx() context: Context,
  ): Promise<Campaign> {
    return campaigns.setCampaignStatus(context, id, status);
  }
}
