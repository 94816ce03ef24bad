import { listPayments } from '@concert/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { gatewayIdentity } from '../../http/gatewayIdentity.js';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';
import { paymentBody } from '../payments/paymentBody.js';

export function listPaymentsRoute(app: OpenAPIHono, deps: AppDeps, services: WalletServices) {
  return app.openapi(routeOf(listPayments), async (c) => {
    const { userId } = c.req.valid('param');
    const payments = await services.payments({ userId, identity: gatewayIdentity(c, deps.config) });
    return c.json({ list: payments.map(paymentBody) }, 200);
  });
}
