import { chargeWalletOperation } from '@concert/contract';
import type { WalletView } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { answerIdempotently, recordAnswer } from '../../http/answerIdempotently.js';

const answerOf = (wallet: WalletView) => ({ data: wallet });

/** Under an Idempotency-Key the answer commits with the charge, so a retry can never charge twice. */
export const chargeWalletRoute = defineRoute(chargeWalletOperation, ({ wallet }) => async (c) => {
  const { userId } = c.req.valid('param');
  const body = c.req.valid('json');
  return answerIdempotently(c, wallet.idempotency, { userId, route: chargeWalletOperation.operationId, body }, async (seal) => {
    const record = recordAnswer(seal, answerOf);
    return c.json(answerOf(await wallet.charge({ userId, amount: body.amount, record })), 200);
  });
});
