import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * The one reader of `process.env` for the Parlance process (server and CLI). Validates
 * everything at once, reports every problem in one message naming each variable, and
 * returns a frozen, typed object that is passed down. Domain packages never read env.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const secret = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters of random data (e.g. \`openssl rand -hex 32\`)`)
    .optional();

const envSchema = z.object({
  PARLANCE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(4000),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
      message:
        'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://user@127.0.0.1:5432/parlance',
    })
    .optional(),
  PARLANCE_DATA_DIR: z.string().min(1).default('.data'),
  PARLANCE_SECRET: secret('PARLANCE_SECRET'),
  PARLANCE_PSEUDONYM_KEY: secret('PARLANCE_PSEUDONYM_KEY'),
  PARLANCE_INGEST_TOKEN: secret('PARLANCE_INGEST_TOKEN'),
  PARLANCE_K: z.coerce.number().int().min(2, 'PARLANCE_K must be at least 2').default(100),
  PARLANCE_EPSILON: z.coerce.number().positive('PARLANCE_EPSILON must be positive').max(10).default(0.1),
  PARLANCE_DAILY_BUDGET: z.coerce.number().positive('PARLANCE_DAILY_BUDGET must be positive').default(25),
  PARLANCE_SNAPSHOT_INTERVAL_SECONDS: z.coerce.number().positive().default(900),
  PARLANCE_AUDIENCE_THREADS: z
    .string()
    .refine((v) => v === 'auto' || (/^[0-9]+$/.test(v) && Number(v) >= 1 && Number(v) <= 64), {
      message: 'PARLANCE_AUDIENCE_THREADS must be auto or a whole number from 1 to 64',
    })
    .transform((v): 'auto' | number => (v === 'auto' ? 'auto' : Number(v)))
    .default('auto'),
  PARLANCE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  PARLANCE_MIN_LAUNCH_AUDIENCE: z.coerce.number().int().min(0).default(1000),
  PARLANCE_MAX_GROUPS: z.coerce.number().int().min(1).max(25).default(5),
  PARLANCE_MAX_INTERESTS: z.coerce.number().int().min(1).max(500).default(50),
  PARLANCE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  PARLANCE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARLANCE_DEMO: bool.optional(),
  PARLANCE_DEMO_USERS: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  PARLANCE_COOKIE_SECURE: bool.optional(),
  PARLANCE_DASHBOARD_DIR: z.string().min(1).optional(),
  // Set by the quick-start launcher (epoch ms) so `parlance start` can report the time from the
  // user's command (install and build included) to a usable dashboard.
  PARLANCE_STARTED_AT: z.coerce.number().int().positive().optional(),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Most threads `PARLANCE_AUDIENCE_THREADS=auto` uses: a query's latency falls with each thread
 * (each evaluates a share of the users), its fixed cost (~0.1 ms per thread to hand the work over)
 * grows, and every thread is one more copy of the per-snapshot masks.
 */
export const AUTO_AUDIENCE_THREADS_MAX = 4;

export interface Config {
  readonly env: Env['PARLANCE_ENV'];
  readonly http: { readonly host: string; readonly port: number; readonly cookieSecure: boolean };
  /** `databaseUrl` set: real Postgres. Unset: embedded PGlite in `${dataDir}/pglite`. */
  readonly database: { readonly databaseUrl: string | undefined; readonly dataDir: string };
  readonly dataDir: string;
  /** Secrets: never logged. Undefined means "generate and keep in the data directory" (not in production). */
  readonly secrets: {
    readonly noiseSecret: string | undefined;
    readonly pseudonymKey: string | undefined;
    readonly ingestToken: string | undefined;
  };
  readonly privacy: {
    readonly k: number;
    readonly epsilon: number;
    readonly dailyBudget: number;
    readonly minLaunchAudience: number;
    readonly maxGroups: number;
    readonly maxInterests: number;
  };
  readonly snapshotIntervalMs: number;
  /**
   * Threads the audience index is partitioned over (the server's own and the rest as workers);
   * `auto` = the machine's cores, at most {@link AUTO_AUDIENCE_THREADS_MAX}.
   */
  readonly audienceThreads: number;
  readonly retentionDays: number;
  readonly rateLimitPerMinute: number;
  readonly logLevel: Env['PARLANCE_LOG_LEVEL'];
  readonly demo: { readonly enabled: boolean; readonly users: number };
  /** Where the built dashboard is served from; overrides the installed `@parlance/dashboard/dist`. */
  readonly dashboardDir: string | undefined;
  /** When the user's start command began (epoch ms), if a launcher said so. */
  readonly startedAt: number | undefined;
}

/** Raised when the environment is invalid; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration. Pass an env object in tests; defaults to `process.env`. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as they do for most twelve-factor tools.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  ) as Record<string, string>;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.') || 'environment';
        return issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.PARLANCE_ENV === 'production') {
    for (const name of ['PARLANCE_SECRET', 'PARLANCE_PSEUDONYM_KEY', 'PARLANCE_INGEST_TOKEN'] as const) {
      if (!env[name]) problems.push(`${name} is required when PARLANCE_ENV=production`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const embedded = !env.DATABASE_URL;
  return Object.freeze({
    env: env.PARLANCE_ENV,
    http: Object.freeze({
      host: env.HOST,
      port: env.PORT,
      cookieSecure: env.PARLANCE_COOKIE_SECURE ?? env.PARLANCE_ENV === 'production',
    }),
    database: Object.freeze({ databaseUrl: env.DATABASE_URL, dataDir: `${env.PARLANCE_DATA_DIR}/pglite` }),
    dataDir: env.PARLANCE_DATA_DIR,
    secrets: Object.freeze({
      noiseSecret: env.PARLANCE_SECRET,
      pseudonymKey: env.PARLANCE_PSEUDONYM_KEY,
      ingestToken: env.PARLANCE_INGEST_TOKEN,
    }),
    privacy: Object.freeze({
      k: env.PARLANCE_K,
      epsilon: env.PARLANCE_EPSILON,
      dailyBudget: env.PARLANCE_DAILY_BUDGET,
      minLaunchAudience: env.PARLANCE_MIN_LAUNCH_AUDIENCE,
      maxGroups: env.PARLANCE_MAX_GROUPS,
      maxInterests: env.PARLANCE_MAX_INTERESTS,
    }),
    snapshotIntervalMs: Math.round(env.PARLANCE_SNAPSHOT_INTERVAL_SECONDS * 1000),
    audienceThreads:
      env.PARLANCE_AUDIENCE_THREADS === 'auto'
        ? Math.max(1, Math.min(availableParallelism(), AUTO_AUDIENCE_THREADS_MAX))
        : env.PARLANCE_AUDIENCE_THREADS,
    retentionDays: env.PARLANCE_RETENTION_DAYS,
    rateLimitPerMinute: env.PARLANCE_RATE_LIMIT_PER_MINUTE,
    logLevel: env.PARLANCE_LOG_LEVEL,
    demo: Object.freeze({ enabled: env.PARLANCE_DEMO ?? embedded, users: env.PARLANCE_DEMO_USERS }),
    dashboardDir: env.PARLANCE_DASHBOARD_DIR,
    startedAt: env.PARLANCE_STARTED_AT,
  });
}

/** Every variable the configuration knows, for docs and for checking compose files. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);
