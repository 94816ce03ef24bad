import { catalogCache, TieredCache, UncachedBodies, type BodyCache } from '@concert/redis';
import type { AppDeps } from '../deps.js';

/**
 * The catalog's cache of ready answers: in memory and in Redis, or a pass-through to MySQL when
 * CATALOG_CACHE_ENABLED is false.
 */
export function createCatalogCache(deps: AppDeps): BodyCache {
  const { metrics } = deps;
  const onLoad = () => metrics.catalogCacheLoads.inc();
  if (!deps.config.catalogCache.enabled) return new UncachedBodies(onLoad);
  return catalogCache(deps.redis, deps.config.redis.keyPrefix, {
    now: () => deps.clock.now().getTime(),
    onOutcome: (result) => metrics.catalogCacheRequests.inc({ result }),
    onLoad,
  });
}

/**
 * Subscribes this process to catalog invalidations, so a write anywhere (the CLI, another process)
 * drops its memory copies at once; returns how to unsubscribe. Nothing to do when caching is off.
 */
export async function listenCatalogInvalidations(cache: BodyCache): Promise<() => Promise<void>> {
  if (!(cache instanceof TieredCache)) return async () => undefined;
  await cache.listen();
  return () => cache.close();
}
