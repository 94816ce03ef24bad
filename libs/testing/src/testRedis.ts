import { randomBytes } from 'node:crypto';
import { connectRedis, unlinkMatching, type RedisClient, type RedisTarget } from '@concert/redis';

export interface TestRedis {
  redis: RedisClient;
  /** The server, or the cluster when TEST_REDIS_CLUSTER_NODES (or REDIS_CLUSTER_NODES) names one. */
  target: RedisTarget;
  /**
   * Every key a test writes starts with this, so parallel test files never see each other's keys.
   * It holds no hash tag: each key lands on the cluster node its own tag picks, as in production,
   * so a script whose keys would span nodes fails here too.
   */
  keyPrefix: string;
  /** The settings that point an app or an API process at this server (or cluster) and prefix. */
  settings: Record<string, string>;
  /** Deletes this prefix's keys and disconnects. */
  destroy(): Promise<void>;
}

export function testRedisTarget(env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const nodes = env.TEST_REDIS_CLUSTER_NODES ?? env.REDIS_CLUSTER_NODES ?? '';
  return {
    url: env.TEST_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    clusterNodes: nodes.split(',').map((node) => node.trim()).filter(Boolean),
  };
}

export async function createTestRedis(): Promise<TestRedis> {
  const target = testRedisTarget();
  const redis = await connectRedis(target);
  const keyPrefix = `test-${process.pid}-${randomBytes(4).toString('hex')}`;
  return {
    redis,
    target,
    keyPrefix,
    settings: { REDIS_URL: target.url, REDIS_CLUSTER_NODES: target.clusterNodes.join(','), REDIS_KEY_PREFIX: keyPrefix },
    async destroy() {
      await unlinkMatching(redis, `*${keyPrefix}*`);
      redis.disconnect();
    },
  };
}
