import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { connectRedis, everyMaster, queueKeys, redisSeatClaims, unlinkMatching, type RedisClient } from '../src/index.js';
import { luaScript } from '../src/luaScript.js';
import { purchaseHealthKey } from '../src/queue/queueKeys.js';
import { redisTarget } from './support.js';

const target = redisTarget();

describe('connectRedis to a Redis Cluster', () => {
  it('names the nodes and how to start a cluster when none answers', async () => {
    await expect(connectRedis({ url: 'redis://127.0.0.1:6379', clusterNodes: ['127.0.0.1:1'] }, { connectTimeoutMs: 500 })).rejects.toThrow(
      /^Cannot reach the Redis Cluster at 127\.0\.0\.1:1 \(.+\)\. .*scripts\/redis-cluster\.sh start/,
    );
  });
});

// Runs when the suites run against a cluster (`.ci/run`'s cluster step, or REDIS_CLUSTER_NODES set by hand).
describe.runIf(target.clusterNodes.length > 0)('on the Redis Cluster of REDIS_CLUSTER_NODES', () => {
  let redis: RedisClient;
  const prefix = `test-cluster-${process.pid}-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    redis = await connectRedis(target);
  });
  afterAll(async () => {
    await unlinkMatching(redis, `${prefix}*`);
    redis.disconnect();
  });

  it('is a cluster of several masters, so the other suites really ran across nodes', () => {
    expect(redis).toBeInstanceOf(Cluster);
    expect(everyMaster(redis).length).toBeGreaterThanOrEqual(3);
  });

  it('control: a script whose keys carry different hash tags is refused (by ioredis or by the server), so the tags are what keeps ours working', async () => {
    const touchBoth = luaScript(`redis.call('SET', KEYS[1], 1) redis.call('SET', KEYS[2], 1) return 1`);
    await expect(touchBoth(redis, [`${prefix}:{a}:x`, `${prefix}:{b}:x`], [])).rejects.toThrow(/CROSSSLOT|same slot/);
    await expect(touchBoth(redis, [`${prefix}:{a}:x`, `${prefix}:{a}:y`], [])).resolves.toBe(1);
  });

  it("puts the waiting room on one node and spreads the events' seat claims over several", async () => {
    const slotOf = (key: string) => (redis as Cluster).cluster('KEYSLOT', key) as Promise<number>;
    const queueSlots = new Set(await Promise.all([...Object.values(queueKeys(prefix)), purchaseHealthKey(prefix, 1)].map(slotOf)));
    expect(queueSlots.size).toBe(1);
    const claims = redisSeatClaims(redis, prefix);
    const now = new Date();
    const claim = { owner: 1, until: new Date(now.getTime() + 60_000) };
    for (let event = 1; event <= 20; event += 1) expect(await claims.claim(event, [1, 2, 3], claim, now)).toEqual([]);
    const masters = await Promise.all(everyMaster(redis).map((node) => node.keys(`${prefix}:*seat-claim*`)));
    expect(masters.filter((keys) => keys.length > 0).length).toBeGreaterThanOrEqual(2);
  });
});
