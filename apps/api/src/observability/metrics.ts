import type { DatabaseHandle } from '@concert/db';
import type { Redis } from '@concert/redis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  catalogCacheRequests: Counter<'result'>;
  catalogCacheLoads: Counter;
}

/** mysql2 keeps its pool's counts in private arrays; reading their lengths is the only way to see them. */
interface PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** One registry per app (not prom-client's global one), so two apps in one test process do not collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    catalogCacheRequests: new Counter({
      name: 'catalog_cache_requests_total',
      help: 'Catalog cache lookups by where the answer came from (memory_hit, redis_hit, miss, redis_unavailable).',
      labelNames: ['result'],
      registers: [registry],
    }),
    catalogCacheLoads: new Counter({
      name: 'catalog_cache_loads_total',
      help: 'Catalog answers loaded from MySQL (one per key at a time per process; every read when the cache is off).',
      registers: [registry],
    }),
  };
}

/** Gauges read at scrape time: the MySQL pool and the Redis connection. */
export function registerConnectionGauges(metrics: Metrics, database: DatabaseHandle, redis: Redis): void {
  const pool = database.pool.pool as unknown as PoolInternals;
  new Gauge({
    name: 'mysql_pool_connections',
    help: 'MySQL pool connections by state (open, idle, waiting requests).',
    labelNames: ['state'],
    registers: [metrics.registry],
    collect() {
      this.set({ state: 'open' }, pool._allConnections?.length ?? 0);
      this.set({ state: 'idle' }, pool._freeConnections?.length ?? 0);
      this.set({ state: 'waiting' }, pool._connectionQueue?.length ?? 0);
    },
  });
  new Gauge({
    name: 'redis_connected',
    help: '1 while the Redis connection is ready, 0 otherwise.',
    registers: [metrics.registry],
    collect() {
      this.set(redis.status === 'ready' ? 1 : 0);
    },
  });
}
