export { connectRedis, pingRedis, RedisUnavailableError } from './client.js';
export { queueKeys, type QueueKeys } from './queue/queueKeys.js';
export { RedisQueueStore } from './queue/redisQueueStore.js';
export { Redis } from 'ioredis';
export { TieredCache, type CacheOutcome, type CachedBody, type Loaded, type TieredCacheOptions } from './cache/tieredCache.js';
