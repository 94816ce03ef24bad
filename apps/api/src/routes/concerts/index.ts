import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { requireQueueToken } from '../../http/requireQueueToken.js';
import { bookingContext } from '../../wiring/booking.js';
import { catalogCache } from '../../wiring/catalogCache.js';
import { listAvailableEventsRoute } from './listAvailableEvents.js';
import { listConcertsRoute } from './listConcerts.js';

/** The catalog of concerts. Their bookable dates need an active token; the list itself only if configured. */
export function concertRoutes(deps: AppDeps) {
  const ctx = bookingContext(deps);
  const cache = catalogCache(deps);
  const gate = requireQueueToken(deps);
  const router = new OpenAPIHono();
  if (deps.config.queue.gateConcertList) router.use('/api/v1/concerts', gate);
  return router
    .use('/api/v1/concerts/:concertId/available-events', gate)
    .route('/', listConcertsRoute(ctx, cache))
    .route('/', listAvailableEventsRoute(ctx, cache));
}
