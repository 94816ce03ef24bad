import { dbRefundStore } from '@concert/db';
import type { RefundContext, SeatChangeFeed } from '@concert/domain';
import { redisSeatClaims } from '@concert/redis';
import type { AppDeps } from '../deps.js';

/** Cancellations and refunds on MySQL; the seats they put back on sale also lose their Redis claims and reach the live seat maps. */
export const createRefundContext = (deps: AppDeps, feed: SeatChangeFeed): RefundContext => ({
  store: dbRefundStore(deps.database),
  claims: redisSeatClaims(deps.redis, deps.config.redis.keyPrefix),
  feed,
  clock: deps.clock,
});
