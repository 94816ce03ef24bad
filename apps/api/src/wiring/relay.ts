import { dbOutboxStore } from '@concert/db';
import type { RelayContext } from '@concert/domain';
import { redisEventStream } from '@concert/redis';
import type { AppDeps } from '../deps.js';
import { registerOutboxGauges } from '../observability/outboxMetrics.js';

/** The outbox relay's ports: the outbox table, and the one Redis stream every process appends to. */
export function createRelayContext(deps: AppDeps): RelayContext {
  const outbox = dbOutboxStore(deps.database.db);
  registerOutboxGauges(deps.metrics, outbox, deps.clock);
  return {
    outbox,
    stream: redisEventStream(deps.redis, { keyPrefix: deps.config.redis.keyPrefix, maxLength: deps.config.events.relay.streamMaxLength }),
    clock: deps.clock,
  };
}
