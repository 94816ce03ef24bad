import { dbBookingContext } from '@concert/db';
import type { BookingContext } from '@concert/domain';
import type { AppDeps } from '../deps.js';
import { withRecentEvents } from './recentEvents.js';

/** The booking use cases' ports on this app's MySQL pool, clock and settings. */
export function bookingContext(deps: AppDeps): BookingContext {
  const ctx = dbBookingContext(deps.database, deps.clock, deps.config.booking);
  return { ...ctx, catalog: withRecentEvents(ctx.catalog, deps.clock) };
}
