import type { RouteModule } from '../http/defineRoute.js';
import { listAvailableSeatsRoute } from './concert-events/listAvailableSeats.js';
import { occupySeatsRoute } from './concert-events/occupySeats.js';
import { reserveHoldRoute } from './concert-events/reserveHold.js';
import { listAvailableEventsRoute } from './concerts/listAvailableEvents.js';
import { listConcertsRoute } from './concerts/listConcerts.js';
import { healthzRoute } from './health/healthz.js';
import { metricsRoute } from './health/metrics.js';
import { readyzRoute } from './health/readyz.js';
import { payReservationRoute } from './payments/payReservation.js';
import { deleteQueueTokenRoute } from './queue/deleteQueueToken.js';
import { getQueueStatusRoute } from './queue/getQueueStatus.js';
import { issueQueueTokenRoute } from './queue/issueQueueToken.js';
import { chargeWalletRoute } from './users/chargeWallet.js';
import { getWalletRoute } from './users/getWallet.js';
import { listPaymentsRoute } from './users/listPayments.js';

/** Every route of the app, registered by createApp in this order (the OpenAPI document's). */
export const routes: readonly RouteModule[] = [
  healthzRoute,
  readyzRoute,
  listConcertsRoute,
  listAvailableEventsRoute,
  listAvailableSeatsRoute,
  occupySeatsRoute,
  reserveHoldRoute,
  issueQueueTokenRoute,
  getQueueStatusRoute,
  deleteQueueTokenRoute,
  getWalletRoute,
  chargeWalletRoute,
  listPaymentsRoute,
  payReservationRoute,
  metricsRoute,
];
