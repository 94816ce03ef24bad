import { operations } from '@concert/contract';
import { Gauge } from 'prom-client';
import type { App } from '../http/appEnv.js';
import { honoPath } from '../http/honoPath.js';
import { createLoadShedder } from '../http/loadShedding.js';
import type { Services } from '../services.js';

/**
 * Puts this process's load shedder in front of every contract operation, by its `shedClass`; the
 * routes that are not operations (/healthz, /readyz, /metrics, the documents) have none, so they are
 * never refused. Registered right after the request log, so a refusal is logged and counted but
 * costs nothing else. Its two signals are gauges, and its refusals a counter per class.
 */
export function registerLoadShedding(app: App, services: Services) {
  const { config, metrics } = services;
  const shedder = createLoadShedder(config.limits.shed, (shedClass) => metrics.shed.inc({ class: shedClass }));
  for (const operation of Object.values(operations)) {
    app.on(operation.method.toUpperCase(), honoPath(operation.path), shedder.gate(operation.shedClass));
  }
  // Apps built on one registry (tests) show the first one's shedder.
  if (metrics.registry.getSingleMetric('http_requests_in_flight')) return;
  new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests of contract operations running in this process (the load shedder counts them).',
    registers: [metrics.registry],
    collect() {
      this.set(shedder.inFlight);
    },
  });
  new Gauge({
    name: 'load_shedder_event_loop_delay_seconds',
    help: 'The event-loop delay the load shedder last measured: its mean over the last quarter second.',
    registers: [metrics.registry],
    collect() {
      this.set(shedder.loopDelayMs() / 1_000);
    },
  });
}
