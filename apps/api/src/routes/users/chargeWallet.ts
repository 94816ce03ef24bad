import { chargeWallet } from '@concert/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { idempotent } from '../../http/idempotent.js';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';

export function chargeWalletRoute(app: OpenAPIHono, services: WalletServices) {
  return app.openapi(routeOf(chargeWallet), async (c) => {
    const { userId } = c.req.valid('param');
    const body = c.req.valid('json');
    return idempotent(c, services.idempotency, { userId, route: chargeWallet.operationId, body }, async () =>
      c.json({ data: await services.charge({ userId, amount: body.amount }) }, 200),
    );
  });
}
