export { connectRedis, everyMaster, RedisUnavailableError, type RedisClient, type RedisTarget } from './client.js';
export { keysMatching, unlinkMatching } from './unlinkMatching.js';
export { queueKeys, type QueueKeys } from './queue/queueKeys.js';
export { RedisQueueStore } from './queue/redisQueueStore.js';
export { HEALTH_BUCKETS_MS, HEALTH_WINDOW_SECONDS, RedisAdmissionControl } from './queue/redisAdmissionControl.js';
export { Cluster, Redis } from 'ioredis';
export { redisSeatClaims } from './booking/redisSeatClaims.js';
export { cachedCatalogReader } from './cache/cachedCatalogReader.js';
export { catalogCache, catalogInvalidator, type CatalogInvalidator } from './cache/catalogCache.js';
export {
  TieredCache,
  UncachedBodies,
  type BodyCache,
  type CacheOutcome,
  type CachedBody,
  type Loaded,
  type TieredCacheOptions,
} from './cache/tieredCache.js';
export { redisRateLimit, type RateLimit, type RateVerdict } from './rateLimit/redisRateLimits.js';
export { RedisSeatChangeFeed, type SeatFeedOptions } from './seatFeed/redisSeatChangeFeed.js';
export { eventStreamKey, redisEventStream } from './events/redisEventStream.js';
export { redisEventFeed, type EventFeedOptions } from './events/redisEventFeed.js';
