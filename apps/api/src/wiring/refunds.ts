import { dbRefundStore } from '@concert/db';
import type { RefundContext } from '@concert/domain';
import { redisSeatClaims } from '@concert/redis';
import type { AppDeps } from '../deps.js';

/** Cancellations and refunds on MySQL; the seats they put back on sale also lose their Redis claims. */
export const createRefundContext = (deps: AppDeps): RefundContext => ({
  store: dbRefundStore(deps.database),
  claims: redisSeatClaims(deps.redis, deps.config.redis.keyPrefix),
  clock: deps.clock,
});
