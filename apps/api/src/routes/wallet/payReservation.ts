import { payReservationOperation } from '@concert/contract';
import { defineGatedRoute } from '../../http/defineRoute.js';
import { answerIdempotently, IDEMPOTENT_REPLAYED_HEADER } from '../../http/answerIdempotently.js';
import { countOutcome } from '../../observability/countOutcome.js';
import { paymentBody } from './paymentBody.js';

/**
 * POST /payments: the payer is the token's user. Its gate reads but does not require an active
 * place: a user who paid has left the active set, and may only replay that payment.
 */
export const payReservationRoute = defineGatedRoute(payReservationOperation, ({ wallet, metrics }) => async (c) => {
  const { userId, active } = c.var.queueUser;
  const body = c.req.valid('json');
  const answer = await answerIdempotently(c, wallet.idempotency, { userId, route: payReservationOperation.operationId, body }, async () => {
    // Successes are counted by the use case (paid or replayed), refusals here.
    const payment = await countOutcome(metrics.payments, undefined, () =>
      wallet.pay({ userId, reservationId: body.reservationId, active }),
    );
    return c.json({ data: paymentBody(payment) }, 200);
  });
  if (answer.headers.get(IDEMPOTENT_REPLAYED_HEADER)) metrics.payments.inc({ outcome: 'replayed' });
  return answer;
});
