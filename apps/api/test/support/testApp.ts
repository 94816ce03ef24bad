import { createTestDatabase, createTestRedis, testConfig, type TestDatabase, type TestRedis } from '@concert/testing';
import { systemClock, type Clock } from '@concert/domain';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import type { AppDeps } from '../../src/deps.js';
import { createMetrics, registerConnectionGauges } from '../../src/observability/metrics.js';
import type { Services } from '../../src/services.js';
import { listenCatalogInvalidations } from '../../src/wiring/catalogCache.js';

export interface TestApp {
  app: App;
  deps: AppDeps;
  /** The app's one set of services: its waiting-room store, wallet services, booking context. */
  services: Services;
  database: TestDatabase;
  redis: TestRedis;
  destroy(): Promise<void>;
}

/** A whole app on its own migrated database and Redis key prefix. */
export async function createTestApp(
  settings: Record<string, string> = {},
  clock: Clock = systemClock,
): Promise<TestApp> {
  const database = await createTestDatabase();
  const redis = await createTestRedis();
  const config = testConfig({ DATABASE_URL: database.url, ...redis.settings, ...settings });
  const metrics = createMetrics();
  registerConnectionGauges(metrics, database, redis.redis);
  const deps: AppDeps = { config, logger: pino({ level: 'silent' }), metrics, database, redis: redis.redis, clock };
  const { app, services } = createApp(deps);
  const stopCatalogInvalidations = await listenCatalogInvalidations(services.catalogCache);
  return {
    app,
    deps,
    services,
    database,
    redis,
    async destroy() {
      await stopCatalogInvalidations();
      services.seatStreams.drain();
      services.seatFeed.close();
      await Promise.allSettled([database.destroy(), redis.destroy()]);
    },
  };
}
