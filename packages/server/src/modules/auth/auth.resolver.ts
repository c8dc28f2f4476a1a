import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { LoginInput } from './auth.inputs.js';
import * as auth from './auth.service.js';
import { LoginPayload, Viewer } from './auth.type.js';

@Resolver()
export class AuthResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'The caller, its organisation, role and remaining privacy budget.' })
  viewer(@Ctx() context: Context): Promise<Viewer> {
    return auth.viewer(context);
  }

  @Mutation(() => LoginPayload, { description: 'Email + password sign-in; sets an httpOnly session cookie.' })
  async login(
    @Arg('input', () => LoginInput) input: LoginInput,
    @Ctx() context: Context,
  ): Promise<LoginPayload> {
    return { viewer: await auth.login(context, input) };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears the cookie.' })
  logout(@Ctx() context: Context): Promise<boolean> {
    return auth.logout(context);
  }

  @Authorized()
  @Mutation(() => Viewer, { description: 'Moves the session to another organisation the member belongs to.' })
  switchOrganization(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() context: Context,
  ): Promise<Viewer> {
    return auth.switchOrganization(context, organizationId);
  }
}
