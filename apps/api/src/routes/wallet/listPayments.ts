import { listPaymentsOperation } from '@concert/contract';
import { defineRoute } from '../../http/defineRoute.js';
import { paymentBody } from './paymentBody.js';

export const listPaymentsRoute = defineRoute(listPaymentsOperation, ({ wallet }) => async (c) => {
  const { userId } = c.req.valid('param');
  const payments = await wallet.payments({ userId });
  return c.json({ list: payments.map(paymentBody) }, 200);
});
