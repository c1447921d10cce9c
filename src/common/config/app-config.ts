import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isTimeZone, timeZoneSpelling } from '../time-zone';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_READ_URL: z.string().min(1).optional(),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'], { error: 'true or false' })
    .default('true'),
  PGLITE_DATA_DIR: z.string().min(1).default('./data/pglite'),
  PGLITE_MAX_ACTIVE_REQUESTS: z.coerce.number().int().min(1).max(64).default(4),
  PGLITE_QUEUE_LENGTH: z.coerce.number().int().min(0).max(10_000).default(100),
  PGLITE_QUEUE_WAIT_MS: z.coerce.number().int().min(10).max(120_000).default(5_000),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(28_800),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .min(0.05, 'SESSION_IDLE_TIMEOUT_MINUTES must be at least 0.05 (3 s)')
    .max(720)
    .default(15),
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),
  BOOTSTRAP_CLINIC_NAME: z.string().trim().min(1).max(200).default('Demo Clinic'),
  BOOTSTRAP_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'An IANA time zone, e.g. America/New_York')
    .transform(timeZoneSpelling)
    .optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[\d.:/a-fA-F, ]+)$/,
      'true, false, a hop count, or addresses/CIDRs separated by commas',
    )
    .default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'smtp://[user:password@]host:port or smtps://…' })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default('Contour <no-reply@contour.invalid>'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'The address patients open, e.g. https://clinic.example' })
    .optional(),
  JOBS_WORKER: z.enum(['true', 'false'], { error: 'true or false' }).default('true'),
  JOBS_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(300),
  SMS_CHANNEL: z.enum(['log', 'off'], { error: 'log or off' }).default('off'),
});

export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly database:
    | {
        readonly kind: 'postgres';
        readonly url: string;
        readonly poolSize: number;
        /**
         * A read replica for the reports' read-only snapshots (docs/deployment.md "Reads on a
         * replica"); absent: they read the primary like everything else.
         */
        readonly readUrl?: string;
        /**
         * Whether the hot queries run as named prepared statements (prepared-query.ts). False
         * behind a pooler that does not keep them across transactions: PgBouncer before 1.21, or
         * 1.21+ with `max_prepared_statements = 0` (docs/scaling.md).
         */
        readonly preparedStatements: boolean;
      }
    | {
        readonly kind: 'pglite';
        readonly dataDir: string;
        /**
         * Not read from the environment: an in-memory (`memory://`) database starts from this
         * data-folder tarball (`migratedPgliteDataDir()`) instead of an empty one, then migrates
         * as always (finding nothing to do). The test suite's migrated snapshot (docs/testing.md).
         */
        readonly loadDataDir?: Blob;
      };
  /**
   * The embedded database's admission queue (src/common/http/admission.ts, docs/reliability.md
   * "Overload on the embedded database"): API requests served at once, how many more may wait,
   * and how long; beyond that a 503 with Retry-After. Applied on PGlite only.
   */
  readonly admission: {
    readonly maxActive: number;
    readonly queueLength: number;
    readonly maxWaitMs: number;
  };
  readonly jwt: {
    readonly secret: string;
    readonly ttlSeconds: number;
    readonly generated: boolean;
  };
  /**
   * The web app's cookie session (docs/security.md "Web sessions"): it ends after this long
   * without a request (sliding), and at the latest `jwt.ttlSeconds` after sign-in.
   */
  readonly session: { readonly idleTimeoutSeconds: number };
  readonly bootstrap: {
    readonly adminEmail: string | undefined;
    readonly adminPassword: string | undefined;
    readonly clinicName: string;
    /** IANA zone of the first clinic; absent: defaultClinicTimeZone(). */
    readonly clinicTimeZone: string | undefined;
  };
  /**
   * Fastify's trustProxy: whose X-Forwarded-For to believe for the client address (rate limits),
   * and whose X-Forwarded-Proto for the protocol (a session cookie is Secure over HTTPS).
   */
  readonly trustProxy: boolean | number | string;
  readonly logLevel: string;
  /**
   * Patient links (docs/patient-portal.md): mail goes through `smtpUrl` (none: only copy links),
   * from `from`; a link is `publicUrl` + `/p/<token>` (default: the address the server listens on).
   */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly publicUrl: string;
  /**
   * The job queue (src/common/jobs, docs/calendar.md "Reminders"): whether this instance works
   * jobs (every instance may enqueue), and how long a job may run before the queue takes it for
   * lost (its process killed) and runs it again.
   */
  readonly jobs: { readonly worker: boolean; readonly expireSeconds: number };
  /** The SMS channel of reminders: 'log' (a test double that logs the reminder id) or 'off'. */
  readonly sms: { readonly channel: 'log' | 'off' };
  /**
   * The argon2id cost of new password hashes (PasswordHasher). Not read from the environment:
   * always 'standard' (m=64 MiB, t=3, p=4); the test suite sets 'test-minimal' on the config it
   * builds, which the hasher refuses unless NODE_ENV=test (docs/testing.md).
   */
  readonly passwordHashCost: 'standard' | 'test-minimal';
}

export class ConfigError extends Error {}

/** Reads the environment once; every setting the service knows is listed in README.md. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_READ_URL needs DATABASE_URL (the primary it replicates)');
  }
  if (Boolean(e.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(e.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
          ...(e.DATABASE_READ_URL ? { readUrl: e.DATABASE_READ_URL } : {}),
          preparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'true',
        }
      : { kind: 'pglite', dataDir: e.PGLITE_DATA_DIR },
    admission: {
      maxActive: e.PGLITE_MAX_ACTIVE_REQUESTS,
      queueLength: e.PGLITE_QUEUE_LENGTH,
      maxWaitMs: e.PGLITE_QUEUE_WAIT_MS,
    },
    jwt: {
      secret: e.JWT_SECRET ?? randomBytes(48).toString('base64url'),
      ttlSeconds: e.JWT_TTL_SECONDS,
      generated: !e.JWT_SECRET,
    },
    session: { idleTimeoutSeconds: Math.round(e.SESSION_IDLE_TIMEOUT_MINUTES * 60) },
    bootstrap: {
      adminEmail: e.BOOTSTRAP_ADMIN_EMAIL?.toLowerCase(),
      adminPassword: e.BOOTSTRAP_ADMIN_PASSWORD,
      clinicName: e.BOOTSTRAP_CLINIC_NAME,
      clinicTimeZone: e.BOOTSTRAP_TIME_ZONE,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    publicUrl: (e.PUBLIC_URL ?? webAppUrl({ host: e.HOST, port: e.PORT })).replace(/\/+$/, ''),
    jobs: { worker: e.JOBS_WORKER === 'true', expireSeconds: e.JOBS_EXPIRE_SECONDS },
    sms: { channel: e.SMS_CHANNEL },
    passwordHashCost: 'standard',
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** The address the server listens on, where the staff web app opens: `http://HOST:PORT/`. */
export function webAppUrl(config: Pick<AppConfig, 'host' | 'port'>): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}/`;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
