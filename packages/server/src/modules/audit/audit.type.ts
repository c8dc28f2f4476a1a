import { Field, Float, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.type.js';

@ObjectType({
  description: 'Who asked what: one entry per estimate, breakdown, forecast or insight request.',
})
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'MEMBER or API_KEY.' })
  actorType!: string;

  @Field(() => ID, { nullable: true, description: 'Member id or API key id.' })
  actorId!: string | null;

  @Field(() => String, {
    description: 'ESTIMATE, BREAKDOWN_COUNTRY, BREAKDOWN_AGE_BAND, FORECAST, INSIGHTS.',
  })
  action!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Hash of the canonical spec (null when the spec was invalid).',
  })
  specHash!: string | null;

  @Field(() => Float)
  epsilonSpent!: number;

  @Field(() => String, { description: 'OK, or the public error code.' })
  outcome!: string;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const AuditEntryConnection = ConnectionType('AuditEntry', AuditEntry);
