import { randomBytes } from 'node:crypto';
import { connectRedis, type Redis } from '@concert/redis';

export interface TestRedis {
  redis: Redis;
  url: string;
  /** Every key a test writes starts with this, so parallel test files never see each other's keys. */
  keyPrefix: string;
  /** Deletes this prefix's keys and disconnects. */
  destroy(): Promise<void>;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export async function createTestRedis(): Promise<TestRedis> {
  const url = testRedisUrl();
  const redis = await connectRedis(url);
  const keyPrefix = `test-${process.pid}-${randomBytes(4).toString('hex')}`;
  return {
    redis,
    url,
    keyPrefix,
    async destroy() {
      const stream = redis.scanStream({ match: `*${keyPrefix}*`, count: 500 });
      for await (const keys of stream as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.unlink(...keys);
      }
      redis.disconnect();
    },
  };
}
