import type { Clock } from '@concert/domain';
import { createConcert, createEventWithSeats, type EventOptions } from '@concert/testing';
import { bookingCalls } from './bookingCalls.js';
import { createTestApp } from './testApp.js';

/** An app with one concert and one event on sale now, and the booking calls against it. */
export async function bookingFixture(settings: Record<string, string>, clock: Clock, eventOptions: EventOptions & { seats: number }) {
  const t = await createTestApp(settings, clock);
  const concertId = (await createConcert(t.database.db, { title: 'Booking concert' })).id;
  const event = await createEventWithSeats(t.database.db, concertId, { now: clock.now(), ...eventOptions });
  return { t, api: bookingCalls(t.app), concertId, event };
}

export type BookingFixture = Awaited<ReturnType<typeof bookingFixture>>;
