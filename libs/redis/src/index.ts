export { connectRedis, pingRedis, redactRedisUrl, RedisUnavailableError } from './client.js';
export { queueKeys, type QueueKeys } from './queue/queueKeys.js';
export { RedisQueueStore } from './queue/redisQueueStore.js';
export type { Redis } from 'ioredis';
