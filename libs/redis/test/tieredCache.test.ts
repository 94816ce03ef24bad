import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, TieredCache, unlinkMatching, type CacheOutcome, type RedisClient } from '../src/index.js';
import { redisTarget } from './support.js';

describe('TieredCache', () => {
  let redis: RedisClient;
  let namespace: string;
  const caches: TieredCache[] = [];

  beforeAll(async () => {
    redis = await connectRedis(redisTarget());
  });
  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    await unlinkMatching(redis, 'test-cache-*');
    redis.disconnect();
  });

  /** A cache as one API process would hold it; several share one Redis namespace. */
  function processCache(options: { now?: () => number; memoryTtlMs?: number } = {}) {
    const outcomes: CacheOutcome[] = [];
    const cache = new TieredCache({ redis, namespace, onOutcome: (outcome) => outcomes.push(outcome), ...options });
    caches.push(cache);
    return { cache, outcomes };
  }

  const freshNamespace = () => {
    namespace = `test-cache-${randomBytes(4).toString('hex')}:{catalog}`;
  };

  /** The message arrives asynchronously: what the process answers once it has, or after a second. */
  async function seenWithinASecond(cache: TieredCache, expected: string) {
    let seen = '';
    for (let waited = 0; waited < 1_000 && seen !== expected; waited += 20) {
      seen = (await cache.get('concerts', async () => ({ body: expected }))).body;
      if (seen !== expected) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return seen;
  }

  it('loads once, then serves from memory, and another process from Redis', async () => {
    freshNamespace();
    const a = processCache();
    const b = processCache();
    let loads = 0;
    const load = async () => ({ body: JSON.stringify({ list: [++loads] }) });
    const first = await a.cache.get('concerts', load);
    const again = await a.cache.get('concerts', load);
    const other = await b.cache.get('concerts', load);
    expect(loads).toBe(1);
    expect([first.body, again.body, other.body]).toEqual(['{"list":[1]}', '{"list":[1]}', '{"list":[1]}']);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(a.outcomes).toEqual(['miss', 'memory_hit']);
    expect(b.outcomes).toEqual(['redis_hit']);
  });

  it('runs one load per key at a time in a process', async () => {
    freshNamespace();
    const { cache } = processCache();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { body: 'x' };
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    expect(loads).toBe(1);
    expect(new Set(answers.map((answer) => answer.body))).toEqual(new Set(['x']));
  });

  it('drops an invalidated entry in every process, not only the one that wrote', async () => {
    freshNamespace();
    const writer = processCache({ memoryTtlMs: 60_000 });
    const reader = processCache({ memoryTtlMs: 60_000 });
    await reader.cache.listen();
    let version = 1;
    const load = async () => ({ body: `v${version}` });
    await writer.cache.get('concerts', load);
    expect((await reader.cache.get('concerts', load)).body).toBe('v1');
    version = 2;
    await writer.cache.invalidateAll();
    expect(await seenWithinASecond(reader.cache, 'v2')).toBe('v2');
  });

  it('does not put back an answer whose load began before an invalidation (the cache-aside race)', async () => {
    freshNamespace();
    const slow = processCache({ memoryTtlMs: 60_000 });
    const writer = processCache();
    const fresh = processCache();
    await slow.cache.listen();
    let release: () => void = () => undefined;
    const readOld = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The slow process reads the old rows, then the write and its invalidation land, then it stores.
    const stale = slow.cache.get('concerts', async () => {
      await readOld;
      return { body: 'old' };
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writer.cache.invalidateAll();
    release();
    expect((await stale).body).toBe('old');
    expect((await fresh.cache.get('concerts', async () => ({ body: 'new' }))).body).toBe('new');
    expect(fresh.outcomes).toEqual(['miss']);
    // Nor does the slow process keep it past the invalidation message, however long its memory TTL.
    expect(await seenWithinASecond(slow.cache, 'new')).toBe('new');
  });

  it('never keeps an answer that is already past its validity (an unknown id)', async () => {
    freshNamespace();
    const { cache, outcomes } = processCache();
    const load = async () => ({ body: 'null', validUntil: 0 });
    await cache.get('event:404', load);
    await cache.get('event:404', load);
    expect(outcomes).toEqual(['miss', 'miss']);
  });

  it('stops serving an answer at its validUntil (a booking window that opens)', async () => {
    freshNamespace();
    let now = 1_000_000;
    const { cache } = processCache({ now: () => now, memoryTtlMs: 60_000 });
    let opened = false;
    const load = async () => ({ body: opened ? 'open' : 'closed', validUntil: opened ? undefined : 1_005_000 });
    expect((await cache.get('events:1', load)).body).toBe('closed');
    now = 1_004_999;
    expect((await cache.get('events:1', load)).body).toBe('closed');
    opened = true;
    now = 1_005_000;
    expect((await cache.get('events:1', load)).body).toBe('open');
  });

  it('answers from the loader when Redis is unreachable', async () => {
    freshNamespace();
    const broken = await connectRedis(redisTarget());
    broken.disconnect();
    const outcomes: CacheOutcome[] = [];
    const cache = new TieredCache({ redis: broken, namespace, onOutcome: (outcome) => outcomes.push(outcome) });
    expect((await cache.get('concerts', async () => ({ body: 'from mysql' }))).body).toBe('from mysql');
    expect(outcomes).toEqual(['redis_unavailable']);
  });
});
