import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES } from '../../context.js';

export enum RoleEnum {
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
  VIEWER = 'VIEWER',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description: `A member's role in an organisation: ${ROLES.join(', ')}.`,
});

export enum ActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

@ObjectType()
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;
}

@ObjectType()
export class Member {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'An organisation the signed-in member belongs to, with their role there.' })
export class OrganizationMembership {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => RoleEnum)
  role!: RoleEnum;
}

@ObjectType({ description: 'The caller: a signed-in member, or an API key.' })
export class Viewer {
  @Field(() => ActorKind)
  kind!: ActorKind;

  @Field(() => Member, { nullable: true, description: 'Null when calling with an API key.' })
  member!: Member | null;

  @Field(() => Organization)
  organization!: Organization;

  @Field(() => RoleEnum, { nullable: true, description: 'Null when calling with an API key.' })
  role!: RoleEnum | null;

  @Field(() => [String], { description: 'Permissions the caller holds in this organisation.' })
  permissions!: string[];

  @Field(() => [OrganizationMembership])
  organizations!: OrganizationMembership[];

  @Field(() => Float, { description: 'ε left today in the organisation privacy budget.' })
  privacyBudgetRemaining!: number;

  @Field(() => Float, { description: "The organisation's daily ε budget." })
  privacyBudgetDaily!: number;
}

@ObjectType()
export class LoginPayload {
  @Field(() => Viewer)
  viewer!: Viewer;
}
