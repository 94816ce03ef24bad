import { getWalletOperation } from '@concert/contract';
import { defineRoute } from '../../http/defineRoute.js';

/**
 * No queue token, as in the seed: the user id is the path's, held to the authenticated identity by
 * defineRoute, as for every /users/{userId} route.
 */
export const getWalletRoute = defineRoute(getWalletOperation, ({ wallet }) => async (c) => {
  const { userId } = c.req.valid('param');
  return c.json({ data: await wallet.view({ userId }) }, 200);
});
