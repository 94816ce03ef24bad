import { operations } from '@concert/contract';
import type { App } from '../http/appEnv.js';
import { honoPath } from '../http/honoPath.js';
import type { Services } from '../services.js';

/** The purchase steps of admitted buyers: what the adaptive admission watches. */
const purchaseSteps = Object.values(operations).filter(
  (operation) => operation.shedClass === 'purchase' && operation.auth === 'queueToken' && operation.queuePlace !== 'unread',
);

/**
 * Times every purchase step (hold, reserve, pay, release, cancel) and tallies its latency and whether
 * it answered 5xx into the adaptive admission's health (RedisAdmissionControl.record; flushed to
 * Redis by the admission job). Registered before the load shedder, so a purchase step it refuses
 * counts as an error: a process that sheds admitted buyers is past its knee. Nothing in fixed mode.
 */
export function registerPurchaseHealth(app: App, services: Services) {
  const { adaptive } = services.queue;
  if (!adaptive) return;
  const { clock } = services;
  for (const operation of purchaseSteps) {
    app.on(operation.method.toUpperCase(), honoPath(operation.path), async (c, next) => {
      const started = performance.now();
      await next();
      adaptive.control.record(clock.now(), performance.now() - started, c.res.status >= 500);
    });
  }
}
