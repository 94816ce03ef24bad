import { dbBookingContext } from '@concert/db';
import type { ActiveSlotKeeper, BookingContext, SeatChangeFeed } from '@concert/domain';
import { cachedCatalogReader, redisSeatClaims, type BodyCache } from '@concert/redis';
import type { AppDeps } from '../deps.js';

/**
 * The booking use cases' ports on this app's MySQL pool, clock and settings, with the seat claims in
 * Redis (docs/adr/0006), every seat change told to the live seat feed (docs/adr/0013), and the
 * waiting room (`slots`) told how long holds keep their buyers' slots. The catalog's event and
 * concert lookups (read by every seat listing, hold and reserve) go through the catalog cache when
 * it is on; seats, holds and reservations never do.
 */
export const createBookingContext = (deps: AppDeps, catalogCache: BodyCache, feed: SeatChangeFeed, slots: ActiveSlotKeeper): BookingContext => {
  const ctx = {
    ...dbBookingContext(deps.database, deps.clock, deps.config.booking),
    claims: redisSeatClaims(deps.redis, deps.config.redis.keyPrefix),
    feed,
    slots,
  };
  if (!deps.config.catalogCache.enabled) return ctx;
  return { ...ctx, catalog: cachedCatalogReader(ctx.catalog, catalogCache) };
};
