import { z } from 'zod';
import { flag, integer, list } from './envTypes.js';
import { eventsEnvShape } from './eventsEnv.js';
import { limitsEnvShape } from './limitsEnv.js';

/** The development secret, published on purpose: any process started without a secret accepts the others' tokens. */
export const DEVELOPMENT_TOKEN_SECRET = 'development-only-queue-token-secret-change-me';

/**
 * How the API knows who the user is (docs/security.md): `open` takes user ids on trust, `gateway`
 * trusts IDENTITY_HEADER set by an authenticating proxy, `jwt` verifies a bearer token itself.
 */
export const AUTH_MODES = ['open', 'gateway', 'jwt'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** HMAC keys are counted in bytes, not characters: 32 bytes is HS256's own key size. */
const secret = z.string().refine((value) => new TextEncoder().encode(value).length >= 32, 'must be at least 32 bytes');

/**
 * Every setting of the system, by its environment variable. `.env.example` documents each one;
 * a test in this lib keeps the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: integer(8080, 0),
  WEB_CONCURRENCY: integer(1, 1),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^mysql$/ }).default('mysql://root@127.0.0.1:3306/concert'),
  DB_POOL_SIZE: integer(20, 1),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: list.pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port,host:port,...'))),
  // A hash tag in the prefix would put every key in one slot of a cluster (and hide cross-slot bugs).
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[^{}]*$/, 'must not contain { or }: a hash tag in it would put every key on one Redis Cluster node')
    .default('concert'),
  CATALOG_CACHE_ENABLED: flag(true),
  SHUTDOWN_GRACE_MS: integer(10_000, 0),
  QUEUE_TOKEN_SECRET: secret.optional(),
  QUEUE_TOKEN_SECRET_PREVIOUS: secret.optional(),
  QUEUE_MAX_ACTIVE_USERS: integer(1_000, 1),
  QUEUE_ADMISSIONS_PER_SECOND: integer(100, 1),
  QUEUE_IDLE_TIMEOUT_SECONDS: integer(60, 1),
  QUEUE_TOKEN_LIFETIME_SECONDS: integer(3_600, 1),
  QUEUE_WAITING_POLL_TIMEOUT_SECONDS: integer(60, 1),
  QUEUE_ADMISSION_INTERVAL_MS: integer(250, 10),
  QUEUE_ADMISSION_MODE: z.enum(['adaptive', 'fixed']).default('adaptive'),
  QUEUE_ADMISSION_MIN_PER_SECOND: integer(40, 1),
  QUEUE_ADMISSION_TARGET_P90_MS: integer(50, 1),
  QUEUE_ADMISSION_MAX_ERROR_PERCENT: integer(1, 0),
  QUEUE_GATE_CONCERT_LIST: flag(false),
  AUTH_MODE: z.enum(AUTH_MODES).optional(),
  AUTH_ALLOW_OPEN_IN_PRODUCTION: flag(false),
  IDENTITY_HEADER: z.string().optional(),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_JWKS_CACHE_SECONDS: integer(600, 1),
  AUTH_JWKS_COOLDOWN_SECONDS: integer(30, 0),
  AUTH_JWT_PUBLIC_KEY: z.string().startsWith('-----BEGIN PUBLIC KEY-----').optional(),
  AUTH_JWT_ALGORITHMS: z.string().default('RS256,ES256,PS256,EdDSA'),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
  AUTH_JWT_CLOCK_TOLERANCE_SECONDS: integer(30, 0),
  AUTH_USER_ID_CLAIM: z.string().default('sub'),
  HOLD_TTL_SECONDS: integer(300, 1),
  HOLD_MAX_SEATS_PER_USER: integer(4, 1),
  PAYMENT_WINDOW_SECONDS: integer(0, 0),
  EXPIRY_SWEEP_INTERVAL_MS: integer(1_000, 100),
  HOLD_SEAT_CLAIM_MS: integer(3_000, 0),
  SEAT_STREAM_MAX_PER_PROCESS: integer(5_000, 0),
  SEAT_STREAM_HEARTBEAT_SECONDS: integer(15, 1),
  SEAT_STREAM_FLUSH_MS: integer(250, 1),
  SEAT_STREAM_MAX_QUEUED_WRITES: integer(64, 1),
  SEAT_FEED_LOG_LENGTH: integer(1_000, 1),
  WALLET_MAX_CHARGE_AMOUNT: integer(100_000_000, 1),
  WALLET_MAX_BALANCE: integer(1_000_000_000_000, 1),
  WALLET_CHARGE_CONCURRENCY: integer(1, 1),
  WALLET_CHARGE_BATCH_SIZE: integer(50, 1),
  IDEMPOTENCY_TTL_HOURS: integer(24, 1),
  CORS_ORIGINS: z.string().default('*'),
  STOREFRONT_ENABLED: flag(true),
  STOREFRONT_DIR: z.string().min(1).default('apps/web/dist'),
  ...limitsEnvShape,
  ...eventsEnvShape,
});

export type Env = z.infer<typeof envSchema>;
