import type { RouteModule } from '../http/defineRoute.js';
import { listAvailableSeatsRoute } from './catalog/listAvailableSeats.js';
import { streamSeatsRoute } from './catalog/streamSeats.js';
import { getBookingRulesRoute } from './booking/getBookingRules.js';
import { occupySeatsRoute } from './booking/occupySeats.js';
import { releaseHoldRoute } from './booking/releaseHold.js';
import { reserveHoldRoute } from './booking/reserveHold.js';
import { cancelReservationRoute } from './refunds/cancelReservation.js';
import { listAvailableEventsRoute } from './catalog/listAvailableEvents.js';
import { listConcertsRoute } from './catalog/listConcerts.js';
import { healthzRoute } from './health/healthz.js';
import { metricsRoute } from './health/metrics.js';
import { readyzRoute } from './health/readyz.js';
import { payReservationRoute } from './wallet/payReservation.js';
import { deleteQueueTokenRoute } from './queue/deleteQueueToken.js';
import { getQueueStatusRoute } from './queue/getQueueStatus.js';
import { issueQueueTokenRoute } from './queue/issueQueueToken.js';
import { chargeWalletRoute } from './wallet/chargeWallet.js';
import { getWalletRoute } from './wallet/getWallet.js';
import { listPaymentsRoute } from './wallet/listPayments.js';

/** Every route of the app, registered by createApp in this order (the OpenAPI document's). */
export const routes: readonly RouteModule[] = [
  healthzRoute,
  readyzRoute,
  listConcertsRoute,
  listAvailableEventsRoute,
  listAvailableSeatsRoute,
  streamSeatsRoute,
  getBookingRulesRoute,
  occupySeatsRoute,
  reserveHoldRoute,
  releaseHoldRoute,
  issueQueueTokenRoute,
  getQueueStatusRoute,
  deleteQueueTokenRoute,
  getWalletRoute,
  chargeWalletRoute,
  listPaymentsRoute,
  payReservationRoute,
  cancelReservationRoute,
  metricsRoute,
];
