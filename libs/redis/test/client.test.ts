import { describe, expect, it } from 'vitest';
import { connectRedis } from '../src/index.js';
import { redisTarget } from './support.js';

describe('connectRedis', () => {
  it('connects to a running server', async () => {
    const redis = await connectRedis(redisTarget());
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });

  it('names the URL and how to start Redis when nothing answers', async () => {
    await expect(connectRedis('redis://:pw@127.0.0.1:1', { connectTimeoutMs: 1_000 })).rejects.toThrow(
      /^Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 .*`npm run up`/,
    );
  });

});
