import type { Config } from '@concert/config';
import type { DatabaseHandle } from '@concert/db';
import type { AdmissionState } from '@concert/domain';
import type { RedisClient } from '@concert/redis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  catalogCacheRequests: Counter<'result'>;
  catalogCacheLoads: Counter;
  /** Hold requests by outcome: won, lost (seat taken), limit (too many seats), or the refusal's code. */
  seatHolds: Counter<'outcome'>;
  /** Payment requests by outcome: paid, replayed (answered with an earlier payment), or the refusal's code. */
  payments: Counter<'outcome'>;
  /** Reserve requests by outcome: reserved, or the refusal's code. */
  reservations: Counter<'outcome'>;
  /** Seat changes committed but not published to the live seat maps (their events resync). */
  seatFeedPublishFailures: Counter;
  /** Seat streams this process ended: `slow` (its client fell behind) or `drain` (shutdown). */
  seatStreamsDropped: Counter<'reason'>;
  /** Reports the open seat streams at scrape time. */
  registerSeatStreamGauge(read: () => number): void;
  /** Requests refused by load shedding (503 overloaded), by the operation's shed class. */
  shed: Counter<'class'>;
}

const outcomeCounter = (registry: Registry, name: string, help: string) =>
  new Counter({ name, help, labelNames: ['outcome'], registers: [registry] });

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
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template and status; its _count is the request count.',
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
    seatHolds: outcomeCounter(registry, 'seat_holds_total', 'Seat hold requests by outcome.'),
    payments: outcomeCounter(registry, 'payments_total', 'Payment requests by outcome.'),
    reservations: outcomeCounter(registry, 'reservations_total', 'Reserve requests by outcome.'),
    seatFeedPublishFailures: new Counter({
      name: 'seat_feed_publish_failures_total',
      help: 'Seat changes committed but not published to the live seat maps (their events resync).',
      registers: [registry],
    }),
    seatStreamsDropped: new Counter({
      name: 'seat_streams_dropped_total',
      help: 'Seat streams ended by this process: slow (the client fell behind), drain (shutdown).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    registerSeatStreamGauge(read) {
      registry.removeSingleMetric('seat_streams_open');
      new Gauge({
        name: 'seat_streams_open',
        help: 'Live seat map streams open in this process (capped by SEAT_STREAM_MAX_PER_PROCESS).',
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
    shed: new Counter({
      name: 'http_requests_shed_total',
      help: 'Requests refused with 503 overloaded before any work, by shed class (entry, browse, purchase).',
      labelNames: ['class'],
      registers: [registry],
    }),
  };
}

interface QueueSizes {
  waiting: number;
  active: number;
}

/** The waiting room's sizes, read from its store at scrape time (two ZCARDs per gauge, per scrape). */
export function registerQueueGauges(metrics: Metrics, queue: { sizes(): Promise<QueueSizes> }) {
  // Apps built on one registry share one waiting room (one Redis prefix): the first one's store answers for all.
  if (metrics.registry.getSingleMetric('queue_waiting_users')) return;
  const sizeGauge = (name: string, help: string, pick: (sizes: QueueSizes) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      // Every process reads the same Redis: with WEB_CONCURRENCY > 1 one answer stands for all.
      aggregator: 'first',
      async collect() {
        this.set(pick(await queue.sizes()));
      },
    });
  sizeGauge('queue_waiting_users', 'Users waiting in line for admission.', (sizes) => sizes.waiting);
  sizeGauge('queue_active_users', 'Users in the active set (admitted, not yet released or timed out).', (sizes) => sizes.active);
}

/**
 * The admission rate in force, its latency target and the purchase steps' p90 it was last decided on
 * (read from Redis at scrape time); in fixed mode the rate is the setting and there is no p90.
 */
export function registerAdmissionGauges(
  metrics: Metrics,
  policy: Config['queue'],
  control: { state(): Promise<AdmissionState> } | undefined,
) {
  if (metrics.registry.getSingleMetric('queue_admission_rate_per_second')) return;
  const gauge = (name: string, help: string, read: (state: AdmissionState | undefined) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      async collect() {
        const value = read(await control?.state());
        if (value !== undefined) this.set(value);
      },
    });
  gauge(
    'queue_admission_rate_per_second',
    `Users admitted per second at most now (${policy.admission.mode} admission).`,
    (state) => (control ? (state?.ratePerSecond ?? policy.admission.minPerSecond) : policy.admissionsPerSecond),
  );
  gauge('queue_admission_target_p90_seconds', "The purchase steps' p90 latency the adaptive admission keeps under.", () =>
    control ? policy.admission.targetP90Ms / 1_000 : undefined,
  );
  gauge('queue_admission_measured_p90_seconds', "The purchase steps' p90 latency (every process, last 2 s) the rate was last decided on.", (state) =>
    state?.health?.p90Ms === undefined ? undefined : state.health.p90Ms / 1_000,
  );
}

/** Gauges read at scrape time: the MySQL pool and the Redis connection. */
export function registerConnectionGauges(metrics: Metrics, database: DatabaseHandle, redis: RedisClient): void {
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
    help: '1 while the Redis connection is ready, 0 otherwise (with WEB_CONCURRENCY > 1: while every process has it).',
    registers: [metrics.registry],
    aggregator: 'min',
    collect() {
      this.set(redis.status === 'ready' ? 1 : 0);
    },
  });
}
