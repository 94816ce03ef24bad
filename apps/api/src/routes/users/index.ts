import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { validationHook } from '../../http/validationHook.js';
import { walletServices } from '../../wiring/wallet.js';
import { chargeWalletRoute } from './chargeWallet.js';
import { getWalletRoute } from './getWallet.js';
import { listPaymentsRoute } from './listPayments.js';

/**
 * A user's wallet and payment history. No queue token, as in the seed: the user id is the path's
 * (with IDENTITY_HEADER set, app.ts's requireGatewayIdentity holds it to the gateway's user).
 */
export function userRoutes(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const services = walletServices(deps);
  getWalletRoute(app, services);
  chargeWalletRoute(app, services);
  listPaymentsRoute(app, services);
  return app;
}
