import { dbBookingContext } from '@concert/db';
import type { BookingContext } from '@concert/domain';
import type { AppDeps } from '../deps.js';

/** The booking use cases' ports on this app's MySQL pool, clock and settings. */
export const bookingContext = (deps: AppDeps): BookingContext =>
  dbBookingContext(deps.database, deps.clock, deps.config.booking);
