import type { ConcertClient } from '@concert/sdk';

/** The API's answers, as the SDK types them. */
type Answer<M extends keyof ConcertClient> = ConcertClient[M] extends (...args: never[]) => Promise<infer R> ? R : never;

export type Concert = Answer<'listConcerts'>[number];
export type ConcertEvent = Answer<'listAvailableEvents'>[number];
export type Hold = Answer<'occupySeats'>;
export type Reservation = Answer<'reserveHold'>;
export type Payment = Answer<'listPayments'>[number];
export type BookingRules = Answer<'getBookingRules'>;
