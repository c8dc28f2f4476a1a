import type { StoredSpec } from '@parlance/db';

/**
 * Demo organisations, members, saved audiences and campaigns, so the first screen of a demo is
 * not empty. Plain data: the server applies it (hashes passwords, sizes audiences). Passwords
 * are demo-only and printed by `parlance start`; never reuse these in production.
 */

export type DemoRole = 'ADMIN' | 'MEMBER' | 'VIEWER';

export interface DemoMember {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly memberships: readonly { readonly organization: string; readonly role: DemoRole }[];
}

export interface DemoAudience {
  /** Fixture-local key, referenced by campaigns. */
  readonly key: string;
  readonly name: string;
  readonly spec: StoredSpec;
}

export interface DemoCampaign {
  readonly name: string;
  readonly objective: 'AWARENESS' | 'TRAFFIC' | 'CONVERSIONS';
  readonly status: 'DRAFT' | 'ACTIVE' | 'PAUSED';
  readonly budgetType: 'DAILY' | 'LIFETIME';
  readonly budgetAmount: number;
  readonly currency: string;
  readonly cpmBid: number;
  /** Start and end as whole days relative to the day the fixtures are applied (see `campaignDates`). */
  readonly startOffsetDays: number;
  readonly endOffsetDays: number | null;
  /** `key` of one of the organisation's audiences. */
  readonly audience: string;
}

export interface DemoOrganization {
  readonly slug: string;
  readonly name: string;
  readonly audiences: readonly DemoAudience[];
  readonly campaigns: readonly DemoCampaign[];
}

export interface DemoFixtures {
  readonly organizations: readonly DemoOrganization[];
  readonly members: readonly DemoMember[];
  /** The login `parlance start` prints: a member of both organisations (the org switcher). */
  readonly primaryLogin: { readonly email: string; readonly password: string };
}

const NORTHWIND = 'northwind-outdoor';
const BRIGHT_BABY = 'bright-baby-co';

// IAB Audience Taxonomy 1.1 Interest ids (all non-sensitive; the fixtures test checks that).
const CAMPING = '725';
const ADVENTURE_TRAVEL = '720';
const WALKING = '672';
const CLIMBING = '633';
const KAYAKING = '632';
const SPORTS_EQUIPMENT = '665';
const RUNNING = '410';
const CYCLING = '625';
const ROAD_TRIPS = '731';
const TRAVEL = '719';
const BEACH_TRAVEL = '724';
const BABIES_TODDLERS = '354';
const PARENTING = '350';
const CHILDREN_4_11 = '355';
const CHILDRENS_CLOTHING = '679';
const FAMILY_TRAVEL = '728';
const COOKING = '371';
const HEALTHY_COOKING = '376';

export const DEMO_FIXTURES: DemoFixtures = {
  primaryLogin: { email: 'demo@parlance.dev', password: 'parlance-demo' },
  members: [
    {
      email: 'demo@parlance.dev',
      name: 'Dana Demo',
      password: 'parlance-demo',
      memberships: [
        { organization: NORTHWIND, role: 'ADMIN' },
        { organization: BRIGHT_BABY, role: 'ADMIN' },
      ],
    },
    {
      email: 'sam.member@northwind.example',
      name: 'Sam Okafor',
      password: 'northwind-member',
      memberships: [{ organization: NORTHWIND, role: 'MEMBER' }],
    },
    {
      email: 'val.viewer@northwind.example',
      name: 'Val Tanaka',
      password: 'northwind-viewer',
      memberships: [{ organization: NORTHWIND, role: 'VIEWER' }],
    },
    {
      email: 'priya.admin@brightbaby.example',
      name: 'Priya Raman',
      password: 'brightbaby-admin',
      memberships: [{ organization: BRIGHT_BABY, role: 'ADMIN' }],
    },
    {
      email: 'leo.member@brightbaby.example',
      name: 'Leo Martins',
      password: 'brightbaby-member',
      memberships: [
        { organization: BRIGHT_BABY, role: 'MEMBER' },
        { organization: NORTHWIND, role: 'VIEWER' },
      ],
    },
  ],
  organizations: [
    {
      slug: NORTHWIND,
      name: 'Northwind Outdoor',
      audiences: [
        {
          key: 'campers-hikers',
          name: 'Campers and hikers',
          spec: { include: [[CAMPING, ADVENTURE_TRAVEL, WALKING]], recencyDays: 90 },
        },
        {
          key: 'gear-shoppers',
          name: 'Outdoor enthusiasts, North America',
          spec: {
            include: [[CAMPING, CLIMBING, KAYAKING, WALKING, ADVENTURE_TRAVEL, SPORTS_EQUIPMENT]],
            countries: ['US', 'CA', 'MX'],
            recencyDays: 90,
          },
        },
        {
          key: 'runners-cyclists',
          name: 'Runners and cyclists 25–44',
          spec: { include: [[RUNNING, CYCLING]], ageMin: 25, ageMax: 44, recencyDays: 30 },
        },
        {
          key: 'road-trippers',
          name: 'Road trippers, not yet campers',
          spec: { include: [[ROAD_TRIPS, ADVENTURE_TRAVEL]], exclude: [CAMPING], recencyDays: 90 },
        },
      ],
      campaigns: [
        {
          name: 'Spring trail launch',
          objective: 'CONVERSIONS',
          status: 'ACTIVE',
          budgetType: 'DAILY',
          budgetAmount: 750,
          currency: 'USD',
          cpmBid: 9.5,
          startOffsetDays: -14,
          endOffsetDays: 30,
          audience: 'campers-hikers',
        },
        {
          name: 'Camp kitchen bundle',
          objective: 'TRAFFIC',
          status: 'DRAFT',
          budgetType: 'LIFETIME',
          budgetAmount: 12_000,
          currency: 'USD',
          cpmBid: 7.25,
          startOffsetDays: 10,
          endOffsetDays: 40,
          audience: 'gear-shoppers',
        },
        {
          name: 'Road trip essentials',
          objective: 'AWARENESS',
          status: 'PAUSED',
          budgetType: 'DAILY',
          budgetAmount: 400,
          currency: 'USD',
          cpmBid: 6,
          startOffsetDays: -30,
          endOffsetDays: 15,
          audience: 'road-trippers',
        },
      ],
    },
    {
      slug: BRIGHT_BABY,
      name: 'Bright Baby Co.',
      audiences: [
        {
          key: 'new-parents',
          name: 'New parents',
          spec: { include: [[BABIES_TODDLERS]], ageMin: 18, ageMax: 44, recencyDays: 90 },
        },
        {
          key: 'parents-who-cook',
          name: 'Parents who cook at home',
          spec: {
            include: [
              [BABIES_TODDLERS, PARENTING, CHILDREN_4_11],
              [COOKING, HEALTHY_COOKING],
            ],
            recencyDays: 90,
          },
        },
        {
          key: 'family-travellers',
          name: 'Families planning trips',
          spec: {
            include: [
              [FAMILY_TRAVEL, BEACH_TRAVEL, ROAD_TRIPS, TRAVEL],
              [BABIES_TODDLERS, PARENTING, CHILDREN_4_11],
            ],
            recencyDays: 90,
          },
        },
        {
          key: 'kids-wardrobe',
          name: "Kids' clothing shoppers, US and India",
          spec: {
            include: [[CHILDRENS_CLOTHING, CHILDREN_4_11, BABIES_TODDLERS]],
            countries: ['US', 'IN'],
            recencyDays: 90,
          },
        },
      ],
      campaigns: [
        {
          name: 'Stroller summer sale',
          objective: 'CONVERSIONS',
          status: 'ACTIVE',
          budgetType: 'LIFETIME',
          budgetAmount: 25_000,
          currency: 'USD',
          cpmBid: 11,
          startOffsetDays: -7,
          endOffsetDays: 21,
          audience: 'new-parents',
        },
        {
          name: 'Car seat safety week',
          objective: 'AWARENESS',
          status: 'DRAFT',
          budgetType: 'DAILY',
          budgetAmount: 300,
          currency: 'USD',
          cpmBid: 5.5,
          startOffsetDays: 14,
          endOffsetDays: 21,
          audience: 'new-parents',
        },
        {
          name: 'Holiday family getaways',
          objective: 'TRAFFIC',
          status: 'PAUSED',
          budgetType: 'DAILY',
          budgetAmount: 500,
          currency: 'USD',
          cpmBid: 8,
          startOffsetDays: -45,
          endOffsetDays: null,
          audience: 'family-travellers',
        },
      ],
    },
  ],
};

/** Resolves a campaign's relative dates to `YYYY-MM-DD` strings (UTC) for the day `now`. */
export function campaignDates(
  campaign: Pick<DemoCampaign, 'startOffsetDays' | 'endOffsetDays'>,
  now: Date,
): { startDate: string; endDate: string | null } {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    startDate: day(campaign.startOffsetDays),
    endDate: campaign.endOffsetDays === null ? null : day(campaign.endOffsetDays),
  };
}
