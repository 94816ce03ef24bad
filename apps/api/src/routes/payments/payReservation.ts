import { payReservation } from '@concert/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { countOutcome } from '../../observability/countOutcome.js';
import type { Metrics } from '../../observability/metrics.js';
import type { GatedEnv } from '../../http/gatedEnv.js';
import { IDEMPOTENT_REPLAYED_HEADER, idempotent } from '../../http/idempotent.js';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';
import { paymentBody } from './paymentBody.js';

/** POST /payments: the payer is the token's user; an inactive token may only replay its payment. */
export function payReservationRoute(app: OpenAPIHono<GatedEnv>, services: WalletServices, metrics: Metrics) {
  return app.openapi(routeOf(payReservation), async (c) => {
    const { userId, active } = c.var.queueUser;
    const body = c.req.valid('json');
    const answer = await idempotent(c, services.idempotency, { userId, route: payReservation.operationId, body }, async () => {
      // Successes are counted by the use case (paid or replayed), refusals here.
      const payment = await countOutcome(metrics.payments, undefined, () =>
        services.pay({ userId, reservationId: body.reservationId, active }),
      );
      return c.json({ data: paymentBody(payment) }, 200);
    });
    if (answer.headers.get(IDEMPOTENT_REPLAYED_HEADER)) metrics.payments.inc({ outcome: 'replayed' });
    return answer;
  });
}
