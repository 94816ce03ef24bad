import { jwtTokenSigner } from '@concert/auth';
import { dbEventsOnSale } from '@concert/db';
import type { EventsOnSale, QueueContext } from '@concert/domain';
import { RedisQueueStore } from '@concert/redis';
import type { AppDeps } from '../deps.js';
import { registerQueueGauges } from '../observability/metrics.js';

export interface QueueServices {
  store: RedisQueueStore;
  /** What a payment calls to free the payer's slot: the same store. */
  releaser: RedisQueueStore;
  signer: QueueContext['signer'];
  /** What the waiting room's use cases run with, and what is still on sale (told in the status answer). */
  ctx: QueueContext & { sales: EventsOnSale };
}

/** How old the events-on-sale answer a status poll gets may be: one MySQL read per second per process. */
const EVENTS_ON_SALE_MAX_AGE_MS = 1_000;

/** The waiting room's adapters: its Redis store and the token signer, with the store's gauges. */
export function createQueueServices(deps: AppDeps): QueueServices {
  const policy = deps.config.queue;
  const store = new RedisQueueStore(deps.redis, deps.config.redis.keyPrefix, policy);
  const signer = jwtTokenSigner({
    secret: policy.tokenSecret,
    previousSecret: policy.previousTokenSecret,
    lifetimeSeconds: policy.tokenLifetimeSeconds,
  });
  registerQueueGauges(deps.metrics, store);
  const sales = dbEventsOnSale(deps.database.db, EVENTS_ON_SALE_MAX_AGE_MS);
  return { store, releaser: store, signer, ctx: { store, signer, clock: deps.clock, policy, sales } };
}
