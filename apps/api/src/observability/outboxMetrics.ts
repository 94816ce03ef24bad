import type { Clock, OutboxStore } from '@concert/domain';
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from './metrics.js';

/**
 * The outbox's backlog, read at scrape time (one indexed query per gauge and scrape). The rate of
 * events published is `rate(outbox_events_published_total[1m])`.
 */
export function registerOutboxGauges(metrics: Metrics, outbox: OutboxStore, clock: Clock): void {
  // Apps built on one registry share one database: the first one's store answers for all.
  if (metrics.registry.getSingleMetric('outbox_backlog_events')) return;
  new Gauge({
    name: 'outbox_backlog_events',
    help: 'Domain events written to the outbox and not yet published to the Redis stream.',
    registers: [metrics.registry],
    async collect() {
      this.set((await outbox.backlog()).unpublished);
    },
  });
  new Gauge({
    name: 'outbox_publish_lag_seconds',
    help: 'Age of the oldest unpublished domain event (0 when none waits).',
    registers: [metrics.registry],
    async collect() {
      const { oldestOccurredAt } = await outbox.backlog();
      this.set(oldestOccurredAt ? Math.max(0, clock.now().getTime() - oldestOccurredAt.getTime()) / 1_000 : 0);
    },
  });
}

/** Events this process's relay published to the stream (a republish after a crash counts again). */
export const outboxPublishedCounter = (metrics: Metrics): Counter =>
  (metrics.registry.getSingleMetric('outbox_events_published_total') as Counter | undefined) ??
  new Counter({
    name: 'outbox_events_published_total',
    help: 'Domain events this process relayed from the outbox to the Redis stream.',
    registers: [metrics.registry],
  });
