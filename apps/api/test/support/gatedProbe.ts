import { Hono } from 'hono';
import type { GatedEnv } from '../../src/http/appEnv.js';
import { identify } from '../../src/http/identify.js';
import { createErrorHandler } from '../../src/http/onError.js';
import { queueGate } from '../../src/http/queueGate.js';
import type { Services } from '../../src/services.js';

/**
 * A stand-in gated route (the real ones belong to other modules): answers who the gate let through,
 * behind the app's identity middleware as every /api/v1 route is.
 * `allowInactive`: the gate of a `queuePlace: 'reported'` operation, else of an `active` one.
 */
export function gatedProbe(services: Services, options: { allowInactive?: boolean } = {}) {
  const probe = new Hono<GatedEnv>();
  probe.onError(createErrorHandler(services.logger));
  probe.use(identify(services.readIdentity));
  probe.get('/probe', queueGate(options.allowInactive ? 'reported' : 'active', services), (c) => c.json({ data: c.var.queueUser }));
  return probe;
}
