import { listPayments } from '@concert/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';
import { paymentBody } from '../payments/paymentBody.js';

export function listPaymentsRoute(app: OpenAPIHono, services: WalletServices) {
  return app.openapi(routeOf(listPayments), async (c) => {
    const { userId } = c.req.valid('param');
    const payments = await services.payments({ userId });
    return c.json({ list: payments.map(paymentBody) }, 200);
  });
}
