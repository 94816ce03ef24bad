import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { requireQueueToken } from '../../http/requireQueueToken.js';
import { bookingContext } from '../../wiring/booking.js';
import { listAvailableSeatsRoute } from './listAvailableSeats.js';
import { occupySeatsRoute } from './occupySeats.js';
import { reserveHoldRoute } from './reserveHold.js';

/** Seats, holds and reservations of one event: every call needs an active queue token, whose user it acts for. */
export function concertEventRoutes(deps: AppDeps) {
  const ctx = bookingContext(deps);
  return new OpenAPIHono()
    .use('/api/v1/concert-events/*', requireQueueToken(deps))
    .route('/', listAvailableSeatsRoute(ctx))
    .route('/', occupySeatsRoute(ctx, deps.metrics))
    .route('/', reserveHoldRoute(ctx, deps.metrics));
}
