export {
  DEFAULT_DAYS,
  DEFAULT_MESSAGES_PER_USER,
  DEFAULT_SEED,
  DEFAULT_USERS,
  generateEvents,
  generateLines,
  generateUser,
  generateUsers,
  POPULARITY_ORDER,
  SENSITIVE_SHARE,
  SMALL_TALK_SHARE,
} from './generate.js';
export type {
  DemoChatEvent,
  DemoEvent,
  DemoProfileEvent,
  DemoUser,
  GenerateOptions,
  MessageKind,
} from './generate.js';
export { campaignDates, DEMO_FIXTURES } from './fixtures.js';
export type {
  DemoAudience,
  DemoCampaign,
  DemoFixtures,
  DemoMember,
  DemoOrganization,
  DemoRole,
} from './fixtures.js';
export { SENSITIVE_PROMPTS } from './messages.js';
export { writeNdjson } from './ndjson.js';
export type { WriteProgress, WriteSummary } from './ndjson.js';
export { COUNTRY_WEIGHTS, DEMO_EXCLUDED_COUNTRIES } from './population.js';
export { CLUSTERS, TOPICS } from './topics.js';
export type { Cluster, Topic } from './topics.js';
export { seedPopulation } from './seed.js';
export type { SeedOptions, SeedProgress, SeedSummary } from './seed.js';
