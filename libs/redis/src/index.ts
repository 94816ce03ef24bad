export { connectRedis, pingRedis, redactRedisUrl, RedisUnavailableError } from './client.js';
export type { Redis } from 'ioredis';
