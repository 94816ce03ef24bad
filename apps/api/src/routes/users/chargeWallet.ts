import { chargeWallet } from '@concert/contract';
import type { WalletView } from '@concert/domain';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { idempotent, recordAnswer } from '../../http/idempotent.js';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';

const answerOf = (wallet: WalletView) => ({ data: wallet });

/** Under an Idempotency-Key the answer commits with the charge, so a retry can never charge twice. */
export function chargeWalletRoute(app: OpenAPIHono, services: WalletServices) {
  return app.openapi(routeOf(chargeWallet), async (c) => {
    const { userId } = c.req.valid('param');
    const body = c.req.valid('json');
    return idempotent(c, services.idempotency, { userId, route: chargeWallet.operationId, body }, async (seal) => {
      const record = recordAnswer(seal, answerOf);
      return c.json(answerOf(await services.charge({ userId, amount: body.amount, record })), 200);
    });
  });
}
