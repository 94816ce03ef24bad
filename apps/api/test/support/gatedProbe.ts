import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps.js';
import { createErrorHandler } from '../../src/http/onError.js';
import type { GatedEnv } from '../../src/http/gatedEnv.js';
import { requireQueueToken } from '../../src/http/requireQueueToken.js';

/** A stand-in gated route (the real ones belong to other modules): answers who the gate let through. */
export function gatedProbe(deps: AppDeps, options: { allowInactive?: boolean } = {}) {
  const probe = new Hono<GatedEnv>();
  probe.onError(createErrorHandler(deps.logger));
  probe.get('/probe', requireQueueToken(deps, options), (c) => c.json({ data: c.var.queueUser }));
  return probe;
}
