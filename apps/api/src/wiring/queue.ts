import { jwtTokenSigner } from '@concert/auth';
import type { QueueContext } from '@concert/domain';
import { RedisQueueStore } from '@concert/redis';
import type { AppDeps } from '../deps.js';
import { registerQueueGauges } from '../observability/metrics.js';

export interface QueueServices {
  store: RedisQueueStore;
  /** What a payment calls to free the payer's slot: the same store. */
  releaser: RedisQueueStore;
  signer: QueueContext['signer'];
  /** What the waiting room's use cases run with. */
  ctx: QueueContext;
}

const built = new WeakMap<AppDeps, QueueServices>();

/** The waiting room's adapters for one app, built once per deps so every route module shares them. */
export function queueServices(deps: AppDeps): QueueServices {
  let services = built.get(deps);
  if (!services) {
    const policy = deps.config.queue;
    const store = new RedisQueueStore(deps.redis, deps.config.redis.keyPrefix, policy);
    const signer = jwtTokenSigner({ secret: policy.tokenSecret, lifetimeSeconds: policy.tokenLifetimeSeconds });
    services = { store, releaser: store, signer, ctx: { store, signer, clock: deps.clock, policy } };
    built.set(deps, services);
    // Here, where the store is built once per app, so the gauges are registered once too.
    registerQueueGauges(deps.metrics, store);
  }
  return services;
}
