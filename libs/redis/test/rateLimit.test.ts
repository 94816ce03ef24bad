import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis, keysMatching, redisRateLimit, unlinkMatching, type RedisClient } from '../src/index.js';
import { redisTarget } from './support.js';

const opened: RedisClient[] = [];
afterEach(async () => {
  for (const client of opened.splice(0)) client.disconnect();
  // A connection of its own: a test may have cut its clients off.
  const cleaner = await connectRedis(redisTarget());
  await unlinkMatching(cleaner, `test-rate-${process.pid}-*`);
  cleaner.disconnect();
});

async function client() {
  const redis = await connectRedis(redisTarget());
  opened.push(redis);
  return redis;
}

const prefix = () => `test-rate-${process.pid}-${randomBytes(4).toString('hex')}`;

describe('rate limits counted in Redis', () => {
  it('share one count between processes (two connections, two limiters), and tell when it resets', async () => {
    const keyPrefix = prefix();
    const [first, second] = [redisRateLimit(await client(), keyPrefix, 'hold-user', 5, 60), redisRateLimit(await client(), keyPrefix, 'hold-user', 5, 60)];
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? first : second).consume('user:7')));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
    const refused = verdicts.find((verdict) => !verdict.allowed);
    expect(refused).toMatchObject({ policy: 'hold-user', limit: 5, windowSeconds: 60, remaining: 0 });
    expect(refused?.resetSeconds).toBeGreaterThan(55);
    // Another subject has its own count.
    expect((await first.consume('user:8')).allowed).toBe(true);
  });

  it('keeps its keys under the prefix, the subject as their hash tag', async () => {
    const redis = await client();
    const keyPrefix = prefix();
    await redisRateLimit(redis, keyPrefix, 'charge-address', 3, 60).consume('address:203.0.113.9');
    expect(await keysMatching(redis, `${keyPrefix}*`)).toEqual([`${keyPrefix}:rate-limit:charge-address:{address:203.0.113.9}`]);
  });

  it('counts in memory while Redis is out of reach, neither opening nor shutting the gate', async () => {
    const redis = await client();
    const limit = redisRateLimit(redis, prefix(), 'token-user', 2, 60);
    redis.disconnect();
    const verdicts = await Promise.all([limit.consume('user:1'), limit.consume('user:1'), limit.consume('user:1')]);
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, false]);
  });
});
