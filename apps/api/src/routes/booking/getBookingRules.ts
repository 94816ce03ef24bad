import { getBookingRulesOperation } from '@concert/contract';
import { defineRoute } from '../../http/defineRoute.js';

/** The settings behind the booking rules, as a storefront needs them (a countdown, a seat limit). */
export const getBookingRulesRoute = defineRoute(getBookingRulesOperation, ({ config }) => {
  const { holdTtlSeconds, maxSeatsPerUser, paymentWindowSeconds } = config.booking;
  const body = { data: { holdTtlSeconds, maxSeatsPerUser, paymentWindowSeconds } };
  return (c) => c.json(body, 200);
});
