import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { loadConfig, type Config } from '@concert/config';
import { createDatabase } from '@concert/db';
import { systemClock } from '@concert/domain';
import { connectRedis } from '@concert/redis';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { AppDeps } from './deps.js';
import { startAdmissionJob } from './jobs/admissionJob.js';
import { startExpirySweeper } from './jobs/expirySweeper.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, registerConnectionGauges } from './observability/metrics.js';
import type { Services } from './services.js';
import { listenCatalogInvalidations } from './wiring/catalogCache.js';

/**
 * Connects to MySQL (every pooled connection, opened now) and Redis and builds the dependencies;
 * throws a readable error if either is down.
 */
export async function connectDeps(config: Config, logger: Logger): Promise<AppDeps> {
  const database = createDatabase(config.db.url, config.db.poolSize);
  try {
    await database.warm();
  } catch (error) {
    await database.close();
    throw error;
  }
  const redis = await connectRedis(config.redis.url).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const metrics = createMetrics();
  registerConnectionGauges(metrics, database, redis);
  return { config, logger, metrics, database, redis, clock: systemClock };
}

export interface RunningServer {
  server: Server;
  deps: AppDeps;
  services: Services;
  /** Stops accepting, lets requests in flight finish (up to the grace period), closes the pools. */
  stop(): Promise<void>;
}

export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
  const logger = createLogger(config);
  const deps = await connectDeps(config, logger);
  const { app, services } = createApp(deps);
  const stopCatalogInvalidations = await listenCatalogInvalidations(services.catalogCache);
  const admission = startAdmissionJob({
    store: services.queue.store,
    clock: deps.clock,
    intervalMs: config.queue.admissionIntervalMs,
    logger,
  });
  const server = createServer(getRequestListener(app.fetch, { hostname: config.http.host }));
  await new Promise<void>((resolve) => server.listen(config.http.port, config.http.host, resolve));
  logger.info({ port: config.http.port, host: config.http.host }, 'listening');
  const sweeper = startExpirySweeper(services.booking, config.booking.expirySweepIntervalMs, logger);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets would hold close() open forever: idle ones go now, busy ones after the grace.
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.http.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      await Promise.all([admission.stop(), sweeper.stop(), stopCatalogInvalidations()]);
      await Promise.allSettled([deps.database.close(), deps.redis.quit()]);
      logger.info('stopped');
    })();
    return stopping;
  };
  return { server, deps, services, stop };
}
