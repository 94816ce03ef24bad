import { manualClock } from '@concert/domain';
import { connectRedis, type RedisClient } from '@concert/redis';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { AppDeps } from '../src/deps.js';
import { createMetrics } from '../src/observability/metrics.js';
import { listenCatalogInvalidations } from '../src/wiring/catalogCache.js';
import { cacheOutcomes, concertTitles } from './support/catalogCacheProbe.js';
import { privateRedis } from './support/privateRedis.js';
import { activeToken } from './support/queue.js';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('Redis stopped and restarted while the API serves', () => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let server: Awaited<ReturnType<typeof privateRedis>>;
  let redis: RedisClient;
  let app: App;
  let deps: AppDeps;
  let stopListening: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    server = await privateRedis();
    redis = await connectRedis(server.url);
    deps = { ...t.deps, redis, metrics: createMetrics(), config: { ...t.deps.config, redis: { ...t.deps.config.redis, url: server.url } } };
    const built = createApp(deps);
    app = built.app;
    stopListening = await listenCatalogInvalidations(built.services.catalogCache);
  });
  afterAll(async () => {
    // Whatever beforeAll got to before it failed.
    await stopListening?.();
    redis?.disconnect();
    await server?.stop();
    await t?.destroy();
  });

  const get = (path: string, token?: string) => app.request(path, { headers: token ? { 'User-Token': token } : {} });
  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

  it('keeps the catalog answering from MySQL, answers 503 on gated routes, and recovers by itself', async () => {
    const concertId = (await createConcert(t.database.db, { title: 'Before' })).id;
    await createEventWithSeats(t.database.db, concertId, { now: clock.now(), seats: 1 });
    const token = await activeToken(app, uniqueUserId());
    const eventsPath = `/api/v1/concerts/${concertId}/available-events`;
    expect((await get(eventsPath, token)).status).toBe(200);
    expect(await concertTitles(app)).toEqual(['Before']);

    await server.stop();
    // Past the memory TTL, so the next reads need Redis, which is gone: they go to MySQL instead.
    clock.advance(2_000);
    await createConcert(t.database.db, { title: 'During' });
    expect(await concertTitles(app)).toEqual(['Before', 'During']);
    expect(await cacheOutcomes(deps)).toMatchObject({ redis_unavailable: 1 });
    const gated = await get(eventsPath, token);
    expect(gated.status).toBe(503);
    expect(await errorCode(gated)).toBe('queue_unavailable');
    const joining = await app.request('/api/v1/queue/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: uniqueUserId() }),
    });
    expect(joining.status).toBe(503);
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { message: string } }).error.message).toBe('Redis unavailable.');

    await server.start();
    // ioredis reconnects by itself (its retry backs off up to 2 s): wait for readiness, no restart of the app.
    for (let waited = 0; waited < 10_000 && (await get('/readyz')).status !== 200; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await get('/readyz')).status).toBe(200);
    clock.advance(2_000);
    const missesBefore = (await cacheOutcomes(deps)).miss ?? 0;
    expect(await concertTitles(app)).toEqual(['Before', 'During']);
    // Redis is in use again: a miss (stored), not another redis_unavailable.
    expect(await cacheOutcomes(deps)).toMatchObject({ miss: missesBefore + 1, redis_unavailable: 1 });
    // The restarted Redis came back empty: the user joins again and gets through the gate.
    const again = await activeToken(app, uniqueUserId());
    expect((await get(eventsPath, again)).status).toBe(200);
    const redisHits = (await cacheOutcomes(deps)).redis_hit ?? 0;
    clock.advance(2_000);
    expect(await concertTitles(app)).toEqual(['Before', 'During']);
    expect(await cacheOutcomes(deps)).toMatchObject({ redis_hit: redisHits + 1 });
  });
});
