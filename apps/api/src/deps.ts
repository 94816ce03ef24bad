import type { Config } from '@concert/config';
import type { Clock } from '@concert/domain';
import type { DatabaseHandle } from '@concert/db';
import type { RedisClient } from '@concert/redis';
import type { Logger } from 'pino';
import type { DrainState } from './http/drain.js';
import type { Metrics } from './observability/metrics.js';

/** What the app is built from. main.ts wires real ones; tests wire their own databases and prefixes. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  database: DatabaseHandle;
  redis: RedisClient;
  /** Injected so expiry rules are tested without sleeping. */
  clock: Clock;
  /** Set by the server: readiness fails once it starts shutting down. */
  drain?: DrainState;
}
