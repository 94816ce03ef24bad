import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import type { QueuePolicy } from '@concert/domain';
import { connectRedis, queueKeys, RedisQueueStore, unlinkMatching, type RedisClient, type RedisTarget } from '../src/index.js';

/** The test server, or the cluster when TEST_REDIS_CLUSTER_NODES (or REDIS_CLUSTER_NODES) names one. */
export const redisTarget = (): RedisTarget => ({
  url: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  clusterNodes: (process.env.TEST_REDIS_CLUSTER_NODES ?? process.env.REDIS_CLUSTER_NODES ?? '').split(',').filter(Boolean),
});

export const defaultPolicy: QueuePolicy = {
  maxActiveUsers: 1_000,
  admissionsPerSecond: 100,
  idleTimeoutSeconds: 600,
  tokenLifetimeSeconds: 3_600,
  waitingPollTimeoutSeconds: 60,
};

/** A waiting room under its own key prefix, on `connections` connections to the real Redis. */
export async function queueFixture(policy: Partial<QueuePolicy> = {}, connections = 1, adaptive = false) {
  const prefix = `test-queue-${process.pid}-${randomBytes(4).toString('hex')}`;
  const clients: RedisClient[] = await Promise.all(Array.from({ length: connections }, () => connectRedis(redisTarget())));
  const fullPolicy = { ...defaultPolicy, ...policy };
  const stores = clients.map((client) => new RedisQueueStore(client, prefix, fullPolicy, adaptive));
  const keys = queueKeys(prefix);
  const [redis] = clients;
  const [store] = stores;
  if (!redis || !store) throw new Error('queueFixture needs at least one connection');
  return {
    redis,
    clients,
    store,
    stores,
    keys,
    prefix,
    async destroy() {
      await redis.del(...Object.values(keys));
      await unlinkMatching(redis, `${prefix}:*purchase-health*`);
      for (const client of clients) client.disconnect();
    },
  };
}

/** One fixture per test, destroyed after it: `const setUp = useQueueFixture();` at the top of a file. */
export function useQueueFixture() {
  let fixture: Awaited<ReturnType<typeof queueFixture>> | undefined;
  afterEach(async () => {
    await fixture?.destroy();
    fixture = undefined;
  });
  return async (...args: Parameters<typeof queueFixture>) => {
    fixture = await queueFixture(...args);
    return fixture;
  };
}
