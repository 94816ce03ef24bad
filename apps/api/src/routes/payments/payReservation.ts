import { payReservation } from '@concert/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { GatedEnv } from '../../http/gatedEnv.js';
import { idempotent } from '../../http/idempotent.js';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';
import { paymentBody } from './paymentBody.js';

/** POST /payments: the payer is the token's user; an inactive token may only replay its payment. */
export function payReservationRoute(app: OpenAPIHono<GatedEnv>, services: WalletServices) {
  return app.openapi(routeOf(payReservation), async (c) => {
    const { userId, active } = c.var.queueUser;
    const body = c.req.valid('json');
    return idempotent(c, services.idempotency, { userId, route: payReservation.operationId, body }, async () => {
      const payment = await services.pay({ userId, reservationId: body.reservationId, active });
      return c.json({ data: paymentBody(payment) }, 200);
    });
  });
}
