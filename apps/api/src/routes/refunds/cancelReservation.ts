import { cancelReservationOperation } from '@concert/contract';
import { cancelReservation } from '@concert/domain';
import { answerIdempotently } from '../../http/answerIdempotently.js';
import { defineGatedRoute } from '../../http/defineRoute.js';
import { cancellationBody } from './cancellationBody.js';

/** POST /reservations/{id}/cancel: the canceller is the token's user; a retry under its Idempotency-Key replays. */
export const cancelReservationRoute = defineGatedRoute(cancelReservationOperation, ({ refunds, wallet }) => async (c) => {
  const { userId } = c.var.queueUser;
  const { reservationId } = c.req.valid('param');
  const request = { userId, route: cancelReservationOperation.operationId, body: { reservationId } };
  return answerIdempotently(c, wallet.idempotency, request, async () => {
    const cancellation = await cancelReservation({ ctx: refunds, input: { userId, reservationId } });
    return c.json({ data: cancellationBody(cancellation) }, 200);
  });
});
