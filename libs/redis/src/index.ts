export { connectRedis, pingRedis, redactRedisUrl, RedisUnavailableError } from './client.js';
export type { Redis } from 'ioredis';
export { TieredCache, type CacheOutcome, type CachedBody, type Loaded, type TieredCacheOptions } from './cache/tieredCache.js';
