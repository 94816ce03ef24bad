import type { RedisClient } from '../client.js';
import { TieredCache, type TieredCacheOptions } from './tieredCache.js';

/** Where the catalog's cached answers live: one hash tag, so its keys and version share a Cluster slot. */
const catalogCacheNamespace = (keyPrefix: string) => `${keyPrefix}:{catalog}`;

/** The catalog cache of one API process. */
export const catalogCache = (
  redis: RedisClient,
  keyPrefix: string,
  options: Omit<TieredCacheOptions, 'redis' | 'namespace'> = {},
) => new TieredCache({ ...options, redis, namespace: catalogCacheNamespace(keyPrefix) });

/**
 * What every write of concerts or events calls once it has committed: every API process drops its
 * cached catalog answers (Redis at once, memory within the pub/sub delay, at worst its 1 s TTL).
 */
export interface CatalogInvalidator {
  invalidate(): Promise<void>;
}

export const catalogInvalidator = (redis: RedisClient, keyPrefix: string): CatalogInvalidator => {
  const cache = catalogCache(redis, keyPrefix);
  return { invalidate: () => cache.invalidateAll() };
};
