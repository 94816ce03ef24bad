import { type AuthConfig, toAuthConfig } from './authConfig.js';
import { DEVELOPMENT_TOKEN_SECRET, type Env } from './envSchema.js';
import { toEventsConfig, type EventsConfig } from './eventsEnv.js';
import { toLimitsConfig, type LimitsConfig } from './limitsEnv.js';

/** The settings grouped by the part that uses them. Built once at start and passed down. */
export interface Config {
  env: Env['NODE_ENV'];
  http: { port: number; host: string; shutdownGraceMs: number; corsOrigins: string[] };
  /** API processes on this machine, sharing its port (WEB_CONCURRENCY): each has its own pools. */
  processes: number;
  log: { level: Env['LOG_LEVEL'] };
  db: { url: string; poolSize: number };
  /** clusterNodes empty: the one server at url; else a Redis Cluster, reached through these nodes (url lends its credentials and TLS). */
  redis: { url: string; clusterNodes: string[]; keyPrefix: string };
  /** The buyers' pages (apps/web) served at /: the folder of their build, relative to the working directory. */
  storefront: { enabled: boolean; dir: string };
  /** false: every catalog read goes to MySQL (the uncached benchmark). */
  catalogCache: { enabled: boolean };
  queue: {
    tokenSecret: string;
    /** The secret before the last rotation: its tokens still verify until they expire. */
    previousTokenSecret: string | undefined;
    maxActiveUsers: number;
    admissionsPerSecond: number;
    idleTimeoutSeconds: number;
    tokenLifetimeSeconds: number;
    waitingPollTimeoutSeconds: number;
    admissionIntervalMs: number;
    /**
     * `adaptive`: the rate follows the purchase routes' health (AIMD, libs/domain admissionControl.ts)
     * between `minPerSecond` and `admissionsPerSecond`; `fixed`: it is `admissionsPerSecond`.
     */
    admission: { mode: 'adaptive' | 'fixed'; minPerSecond: number; targetP90Ms: number; maxErrorRate: number };
    gateConcertList: boolean;
  };
  auth: AuthConfig;
  booking: {
    holdTtlSeconds: number;
    maxSeatsPerUser: number;
    /** 0 means "until the hold would have expired". */
    paymentWindowSeconds: number;
    expirySweepIntervalMs: number;
    /** How long a won seat's Redis claim answers losers before MySQL is asked (docs/adr/0006); 0: off. */
    seatClaimMs: number;
  };
  /** The live seat map (docs/adr/0013). */
  seatStream: {
    /** Open streams one process serves; one more is answered 503 with Retry-After. */
    maxPerProcess: number;
    heartbeatSeconds: number;
    /** Changes are written to each stream together once per this period (one write per stream and period). */
    flushMs: number;
    /** Writes waiting to be written to one stream: a client that falls further behind is dropped. */
    maxQueuedWrites: number;
    /** Changes kept per event for reconnecting watchers (Last-Event-ID). */
    logLength: number;
  };
  wallet: {
    maxChargeAmount: number;
    maxBalance: number;
    /** Charge transactions one process runs at once; the rest wait their turn (the wallet store's bulkhead). */
    chargeConcurrency: number;
    /** Charges without an Idempotency-Key that may commit together in one turn of the bulkhead (docs/adr/0012). */
    chargeBatchSize: number;
  };
  idempotency: { ttlHours: number };
  /** Body size, timeouts, trusted proxies and rate limits. */
  limits: LimitsConfig;
  /** The outbox relay and the webhook dispatcher. */
  events: EventsConfig;
}

export function toConfig(env: Env): Config {
  return {
    env: env.NODE_ENV,
    http: {
      port: env.PORT,
      host: env.HOST,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      corsOrigins: env.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    },
    processes: env.WEB_CONCURRENCY,
    log: { level: env.LOG_LEVEL },
    db: { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE },
    redis: { url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES, keyPrefix: env.REDIS_KEY_PREFIX },
    storefront: { enabled: env.STOREFRONT_ENABLED, dir: env.STOREFRONT_DIR },
    catalogCache: { enabled: env.CATALOG_CACHE_ENABLED },
    queue: {
      tokenSecret: env.QUEUE_TOKEN_SECRET ?? DEVELOPMENT_TOKEN_SECRET,
      previousTokenSecret: env.QUEUE_TOKEN_SECRET_PREVIOUS,
      maxActiveUsers: env.QUEUE_MAX_ACTIVE_USERS,
      admissionsPerSecond: env.QUEUE_ADMISSIONS_PER_SECOND,
      idleTimeoutSeconds: env.QUEUE_IDLE_TIMEOUT_SECONDS,
      tokenLifetimeSeconds: env.QUEUE_TOKEN_LIFETIME_SECONDS,
      waitingPollTimeoutSeconds: env.QUEUE_WAITING_POLL_TIMEOUT_SECONDS,
      admissionIntervalMs: env.QUEUE_ADMISSION_INTERVAL_MS,
      admission: {
        mode: env.QUEUE_ADMISSION_MODE,
        minPerSecond: Math.min(env.QUEUE_ADMISSION_MIN_PER_SECOND, env.QUEUE_ADMISSIONS_PER_SECOND),
        targetP90Ms: env.QUEUE_ADMISSION_TARGET_P90_MS,
        maxErrorRate: env.QUEUE_ADMISSION_MAX_ERROR_PERCENT / 100,
      },
      gateConcertList: env.QUEUE_GATE_CONCERT_LIST,
    },
    auth: toAuthConfig(env),
    booking: {
      holdTtlSeconds: env.HOLD_TTL_SECONDS,
      maxSeatsPerUser: env.HOLD_MAX_SEATS_PER_USER,
      paymentWindowSeconds: env.PAYMENT_WINDOW_SECONDS,
      expirySweepIntervalMs: env.EXPIRY_SWEEP_INTERVAL_MS,
      seatClaimMs: env.HOLD_SEAT_CLAIM_MS,
    },
    seatStream: {
      maxPerProcess: env.SEAT_STREAM_MAX_PER_PROCESS,
      heartbeatSeconds: env.SEAT_STREAM_HEARTBEAT_SECONDS,
      flushMs: env.SEAT_STREAM_FLUSH_MS,
      maxQueuedWrites: env.SEAT_STREAM_MAX_QUEUED_WRITES,
      logLength: env.SEAT_FEED_LOG_LENGTH,
    },
    wallet: {
      maxChargeAmount: env.WALLET_MAX_CHARGE_AMOUNT,
      maxBalance: env.WALLET_MAX_BALANCE,
      chargeConcurrency: env.WALLET_CHARGE_CONCURRENCY,
      chargeBatchSize: env.WALLET_CHARGE_BATCH_SIZE,
    },
    idempotency: { ttlHours: env.IDEMPOTENCY_TTL_HOURS },
    limits: toLimitsConfig(env),
    events: toEventsConfig(env),
  };
}
