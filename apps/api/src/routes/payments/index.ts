import { payReservation } from '@concert/contract';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import type { GatedEnv } from '../../http/gatedEnv.js';
import { requireQueueToken } from '../../http/requireQueueToken.js';
import { validationHook } from '../../http/validationHook.js';
import { walletServices } from '../../wiring/wallet.js';
import { payReservationRoute } from './payReservation.js';

/** Payments. The gate lets inactive tokens through: a user who paid has left the active set but may replay. */
export function paymentRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<GatedEnv>({ defaultHook: validationHook });
  app.use(payReservation.path, requireQueueToken(deps, { allowInactive: true }));
  payReservationRoute(app, walletServices(deps), deps.metrics);
  return app;
}
