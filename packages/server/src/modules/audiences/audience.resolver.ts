import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Connection } from '../shared/connection.type.js';
import { SaveAudienceInput, UpdateAudienceInput } from './audience.inputs.js';
import * as audiences from './audience.service.js';
import { SavedAudience, SavedAudienceConnection } from './audience.type.js';

@Resolver()
export class AudienceResolver {
  @Authorized('audiences:read')
  @Query(() => SavedAudienceConnection, { description: "The organisation's saved audiences, newest first." })
  audiences(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<Connection<SavedAudience>> {
    return audiences.listAudiences(context, { first, after });
  }

  @Authorized('audiences:read')
  @Query(() => SavedAudience)
  audience(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<SavedAudience> {
    return audiences.getAudience(context, id);
  }

  @Authorized('audiences:write')
  @Mutation(() => SavedAudience, { description: 'Saves a spec with the sizing taken now.' })
  saveAudience(
    @Arg('input', () => SaveAudienceInput) input: SaveAudienceInput,
    @Ctx() context: Context,
  ): Promise<SavedAudience> {
    return audiences.saveAudience(context, input);
  }

  @Authorized('audiences:write')
  @Mutation(() => SavedAudience)
  updateAudience(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAudienceInput) input: UpdateAudienceInput,
    @Ctx() context: Context,
  ): Promise<SavedAudience> {
    return audiences.updateAudience(context, id, input);
  }

  @Authorized('audiences:write')
  @Mutation(() => ID, { description: 'Deletes an audience no campaign uses; returns its id.' })
  deleteAudience(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<string> {
    return audiences.deleteAudience(context, id);
  }
}
