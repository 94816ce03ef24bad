import { catalogInvalidator, connectRedis, type RedisClient } from '@concert/redis';
import { createConcert } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { AppDeps } from '../src/deps.js';
import { createMetrics } from '../src/observability/metrics.js';
import { listenCatalogInvalidations } from '../src/wiring/catalogCache.js';
import { cacheOutcomes, concertTitles, withinASecond } from './support/catalogCacheProbe.js';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('catalog cache across two API instances on one Redis', () => {
  let t: TestApp;
  let second: { app: App; deps: AppDeps; redis: RedisClient; stop: () => Promise<void> };

  beforeAll(async () => {
    t = await createTestApp();
    // A second process: same MySQL and Redis prefix, its own connection, memory and metrics.
    const redis = await connectRedis(t.redis.target);
    const deps: AppDeps = { ...t.deps, redis, metrics: createMetrics() };
    const { app, services } = createApp(deps);
    second = { app, deps, redis, stop: await listenCatalogInvalidations(services.catalogCache) };
  });
  afterAll(async () => {
    await second.stop();
    second.redis.disconnect();
    await t.destroy();
  });

  it('loads once, serves the loader process from memory and the other from Redis, and both drop it on invalidation', async () => {
    await createConcert(t.database.db, { title: 'First' });
    expect(await concertTitles(t.app)).toEqual(['First']);
    expect(await concertTitles(t.app)).toEqual(['First']);
    expect(await concertTitles(second.app)).toEqual(['First']);
    expect(await cacheOutcomes(t.deps)).toEqual({ miss: 1, memory_hit: 1 });
    expect(await cacheOutcomes(second.deps)).toEqual({ redis_hit: 1 });

    // A write without an invalidation is not seen: the answers really come from the cache.
    await createConcert(t.database.db, { title: 'Second' });
    expect(await concertTitles(second.app)).toEqual(['First']);

    // What the CLI does after seeding: both processes show the new catalog within a second.
    await catalogInvalidator(t.redis.redis, t.deps.config.redis.keyPrefix).invalidate();
    const both = ['First', 'Second'];
    const same = (titles: string[]) => titles.join() === both.join();
    expect(await withinASecond(() => concertTitles(t.app), same)).toEqual(both);
    expect(await withinASecond(() => concertTitles(second.app), same)).toEqual(both);
    const loads = async (deps: AppDeps) => (await deps.metrics.catalogCacheLoads.get()).values[0]?.value ?? 0;
    // One process loaded again from MySQL; the other took its answer from Redis (or loaded it too, if first).
    expect((await loads(t.deps)) + (await loads(second.deps))).toBeGreaterThanOrEqual(2);
    expect((await loads(t.deps)) + (await loads(second.deps))).toBeLessThanOrEqual(3);
  });

  it('exposes the outcomes and load counts as metrics', async () => {
    const body = await (await t.app.request('/metrics')).text();
    expect(body).toMatch(/catalog_cache_requests_total\{result="miss"\} \d+/);
    expect(body).toMatch(/catalog_cache_loads_total \d+/);
  });
});

describe('catalog cache turned off (CATALOG_CACHE_ENABLED=false)', () => {
  it('reads MySQL on every request, so a write shows at once', async () => {
    const t = await createTestApp({ CATALOG_CACHE_ENABLED: 'false' });
    try {
      await createConcert(t.database.db, { title: 'First' });
      expect(await concertTitles(t.app)).toEqual(['First']);
      await createConcert(t.database.db, { title: 'Second' });
      expect(await concertTitles(t.app)).toEqual(['First', 'Second']);
      expect((await t.deps.metrics.catalogCacheLoads.get()).values[0]?.value).toBe(2);
      expect(await cacheOutcomes(t.deps)).toEqual({});
    } finally {
      await t.destroy();
    }
  });
});
