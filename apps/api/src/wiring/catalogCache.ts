import { catalogCache as redisCatalogCache, TieredCache, UncachedBodies, type BodyCache } from '@concert/redis';
import type { AppDeps } from '../deps.js';

const built = new WeakMap<AppDeps, BodyCache>();

/**
 * The catalog's cache of ready answers for one app, shared by every route module: in memory and in
 * Redis, or a pass-through to MySQL when CATALOG_CACHE_ENABLED is false.
 */
export function catalogCache(deps: AppDeps): BodyCache {
  let cache = built.get(deps);
  if (!cache) {
    const { metrics } = deps;
    const onLoad = () => metrics.catalogCacheLoads.inc();
    cache = deps.config.catalogCache.enabled
      ? redisCatalogCache(deps.redis, deps.config.redis.keyPrefix, {
          now: () => deps.clock.now().getTime(),
          onOutcome: (result) => metrics.catalogCacheRequests.inc({ result }),
          onLoad,
        })
      : new UncachedBodies(onLoad);
    built.set(deps, cache);
  }
  return cache;
}

/**
 * Subscribes this process to catalog invalidations, so a write anywhere (the CLI, another process)
 * drops its memory copies at once; returns how to unsubscribe. Nothing to do when caching is off.
 */
export async function listenCatalogInvalidations(deps: AppDeps): Promise<() => Promise<void>> {
  const cache = catalogCache(deps);
  if (!(cache instanceof TieredCache)) return async () => undefined;
  await cache.listen();
  return () => cache.close();
}
