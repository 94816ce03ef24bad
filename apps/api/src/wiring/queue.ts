import { jwtTokenSigner } from '@concert/auth';
import { dbEventsOnSale } from '@concert/db';
import type { AdmissionLimits, EventsOnSale, QueueContext } from '@concert/domain';
import { RedisAdmissionControl, RedisQueueStore } from '@concert/redis';
import type { AppDeps } from '../deps.js';
import { registerAdmissionGauges, registerQueueGauges } from '../observability/metrics.js';

export interface QueueServices {
  store: RedisQueueStore;
  /** What a payment calls to free the payer's slot: the same store. */
  releaser: RedisQueueStore;
  signer: QueueContext['signer'];
  /** What the waiting room's use cases run with, and what is still on sale (told in the status answer). */
  ctx: QueueContext & { sales: EventsOnSale };
  /** The adaptive admission: its shared state and health, and its limits; undefined in fixed mode. */
  adaptive: { control: RedisAdmissionControl; limits: AdmissionLimits } | undefined;
}

/** How old the events-on-sale answer a status poll gets may be: one MySQL read per second per process. */
const EVENTS_ON_SALE_MAX_AGE_MS = 1_000;

/** The waiting room's adapters: its Redis store and the token signer, with the store's gauges. */
export function createQueueServices(deps: AppDeps): QueueServices {
  const policy = deps.config.queue;
  const { keyPrefix } = deps.config.redis;
  const adaptive =
    policy.admission.mode === 'adaptive'
      ? {
          control: new RedisAdmissionControl(deps.redis, keyPrefix),
          limits: { ...policy.admission, maxPerSecond: policy.admissionsPerSecond },
        }
      : undefined;
  // Adaptive: the store's budget is the controller's rate, and the minimum until its first decision.
  const store = adaptive
    ? new RedisQueueStore(deps.redis, keyPrefix, { ...policy, admissionsPerSecond: adaptive.limits.minPerSecond }, true)
    : new RedisQueueStore(deps.redis, keyPrefix, policy);
  const signer = jwtTokenSigner({
    secret: policy.tokenSecret,
    previousSecret: policy.previousTokenSecret,
    lifetimeSeconds: policy.tokenLifetimeSeconds,
  });
  registerQueueGauges(deps.metrics, store);
  registerAdmissionGauges(deps.metrics, policy, adaptive?.control);
  const sales = dbEventsOnSale(deps.database.db, EVENTS_ON_SALE_MAX_AGE_MS);
  return { store, releaser: store, signer, ctx: { store, signer, clock: deps.clock, policy, sales }, adaptive };
}
