import { getWallet } from '@concert/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import type { WalletServices } from '../../wiring/wallet.js';

export function getWalletRoute(app: OpenAPIHono, services: WalletServices) {
  return app.openapi(routeOf(getWallet), async (c) => {
    const { userId } = c.req.valid('param');
    return c.json({ data: await services.view({ userId }) }, 200);
  });
}
