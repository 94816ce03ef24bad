import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { loadConfig, type Config } from '@concert/config';
import { createDatabase } from '@concert/db';
import { systemClock } from '@concert/domain';
import { connectRedis } from '@concert/redis';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { AppDeps } from './deps.js';
import { answerClientErrorsInJson } from './http/clientErrors.js';
import { drainer } from './http/drain.js';
import { startAdmissionJob } from './jobs/admissionJob.js';
import { startExpirySweeper } from './jobs/expirySweeper.js';
import { startOutboxRelay } from './jobs/outboxRelay.js';
import { outboxPublishedCounter } from './observability/outboxMetrics.js';
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
  const redis = await connectRedis(config.redis).catch(async (error: unknown) => {
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
  /**
   * Drains (http/drain.ts): readiness fails, no new connections, seat streams ended, kept-alive ones
   * closed as they go idle, requests in flight finish (up to SHUTDOWN_GRACE_MS); then the jobs and the pools.
   */
  stop(): Promise<void>;
}

export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
  const logger = createLogger(config);
  if (config.auth.mode === 'open' && config.auth.openInProduction) {
    logger.warn(
      'AUTH_MODE=open in production (AUTH_ALLOW_OPEN_IN_PRODUCTION=true): user ids are taken on trust; anyone who reaches the API can act as any user',
    );
  }
  const drain = drainer();
  const deps: AppDeps = { ...(await connectDeps(config, logger)), drain };
  const { app, services } = createApp(deps);
  const stopCatalogInvalidations = await listenCatalogInvalidations(services.catalogCache);
  const admission = startAdmissionJob({
    store: services.queue.store,
    clock: deps.clock,
    intervalMs: config.queue.admissionIntervalMs,
    logger,
    adaptive: services.queue.adaptive,
  });
  const server = createServer(
    // Slow clients must not hold sockets: the headers, and the whole request, have deadlines.
    {
      headersTimeout: config.limits.headersTimeoutMs,
      requestTimeout: config.limits.requestTimeoutMs,
      // How often Node checks those deadlines (30 s by default, which would stretch them).
      connectionsCheckingInterval: Math.min(1_000, config.limits.headersTimeoutMs),
    },
    drain.track(getRequestListener(app.fetch, { hostname: config.http.host })),
  );
  answerClientErrorsInJson(server);
  await new Promise<void>((resolve) => server.listen(config.http.port, config.http.host, resolve));
  const { port } = server.address() as AddressInfo;
  logger.info({ port, host: config.http.host }, 'listening');
  const sweeper = startExpirySweeper(services.booking, config.booking.expirySweepIntervalMs, logger);
  const relay = startOutboxRelay(services.relay, config.events.relay, outboxPublishedCounter(deps.metrics), logger);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const draining = drain.drain(server, config.http.shutdownGraceMs);
      // Streams never finish by themselves: end them now, so their clients reconnect to another process.
      services.seatStreams.drain();
      const { cut } = await draining;
      if (cut > 0) logger.warn({ cut, graceMs: config.http.shutdownGraceMs }, 'requests still running at the end of the grace were cut');
      await Promise.all([admission.stop(), sweeper.stop(), relay.stop(), stopCatalogInvalidations()]);
      services.seatFeed.close();
      await Promise.allSettled([deps.database.close(), deps.redis.quit()]);
      logger.info({ cut }, 'stopped');
    })();
    return stopping;
  };
  return { server, deps, services, stop };
}
