import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Connection } from '../shared/connection.type.js';
import { SaveAudienceInput, UpdateAudienceInput } from './audience.inputs.js';
import * as audiences from './audience.service.js';
import { findInterests } from '../interests/interest.service.js';
import { Interest } from '../interests/interest.type.js';
import { AudienceSpec, SavedAudience, SavedAudienceConnection } from './audience.type.js';

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

/** Interest names for a stored spec, so a client can show chips without one lookup per id. */
@Resolver(() => AudienceSpec)
export class AudienceSpecResolver {
  @FieldResolver(() => [[Interest]], {
    description: '`include` resolved from the taxonomy (unknown or sensitive ids omitted).',
  })
  includeInterests(@Root() spec: AudienceSpec): Interest[][] {
    return spec.include.map((group) => findInterests(group));
  }

  @FieldResolver(() => [Interest], {
    description: '`exclude` resolved from the taxonomy (unknown or sensitive ids omitted).',
  })
  excludeInterests(@Root() spec: AudienceSpec): Interest[] {
    return findInterests(spec.exclude);
  }
}
