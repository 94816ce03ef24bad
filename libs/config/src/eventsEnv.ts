import { z } from 'zod';
import { flag, integer } from './envTypes.js';

/** Seconds between a webhook's attempts, comma-separated: the first retry waits the first, and so on. */
const schedule = z
  .string()
  .default('5,300,1800,7200,18000,36000,36000')
  .transform((value) => value.split(',').map((item) => (item.trim() === '' ? Number.NaN : Number(item))))
  .pipe(z.array(z.number({ error: 'each delay must be a whole number of seconds' }).int().min(0)).min(1));

/**
 * The settings of domain events (docs/events.md): the outbox relay in every API process, and the
 * webhook dispatcher (`concertctl webhooks dispatch`). Merged into the one env schema.
 */
export const eventsEnvShape = {
  OUTBOX_RELAY_INTERVAL_MS: integer(200, 10),
  OUTBOX_RELAY_BATCH: integer(500, 1),
  OUTBOX_STREAM_MAX_LENGTH: integer(1_000_000, 1),
  OUTBOX_RETENTION_HOURS: integer(72, 1),
  WEBHOOK_TIMEOUT_MS: integer(15_000, 1),
  WEBHOOK_RETRY_SECONDS: schedule,
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: flag(false),
};

type EventsEnv = { [Key in keyof typeof eventsEnvShape]: z.output<(typeof eventsEnvShape)[Key]> };

export interface EventsConfig {
  relay: {
    intervalMs: number;
    /** Events claimed per relay transaction. */
    batch: number;
    /** The stream's approximate cap, in entries. */
    streamMaxLength: number;
    /** How long published events stay in the outbox table. */
    retentionMs: number;
  };
  webhooks: {
    timeoutMs: number;
    /** The wait before each retry, in order; a delivery is failed after the last one. */
    retryDelaysMs: number[];
    /** Lets webhook URLs name private, loopback and link-local addresses (tests, private networks). */
    allowPrivateAddresses: boolean;
  };
}

export function toEventsConfig(env: EventsEnv): EventsConfig {
  return {
    relay: {
      intervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
      batch: env.OUTBOX_RELAY_BATCH,
      streamMaxLength: env.OUTBOX_STREAM_MAX_LENGTH,
      retentionMs: env.OUTBOX_RETENTION_HOURS * 3_600_000,
    },
    webhooks: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryDelaysMs: env.WEBHOOK_RETRY_SECONDS.map((seconds) => seconds * 1_000),
      allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    },
  };
}
