import { fileURLToPath } from 'node:url';
import { loadConfig } from '@concert/config';
import { createDatabase } from '@concert/db';
import { systemClock } from '@concert/domain';
import { Redis } from '@concert/redis';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { createMetrics } from '../src/observability/metrics.js';

/** The published copy, served to REST clients that do not run the API. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
export const OPENAPI_REFRESH_COMMAND = 'npm run openapi:write';

/**
 * The API's /openapi.json as committed: the document comes from the routes alone, so the app is
 * built on clients that never connect (a mysql2 pool and ioredis connect on first use; none comes).
 */
export async function renderOpenApiDocument(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const database = createDatabase(config.db.url);
  const redis = new Redis(config.redis.url, { lazyConnect: true });
  try {
    const { app } = createApp({
      config,
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      database,
      redis,
      clock: systemClock,
    });
    const document: unknown = await (await app.request('/openapi.json')).json();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    redis.disconnect();
    await database.close();
  }
}
