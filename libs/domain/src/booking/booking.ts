/** A seat as it is sold: its number and price never change once the event exists. */
export interface Seat {
  id: number;
  seatNumber: number;
  price: number;
}

export interface SeatState extends Seat {
  isAvailable: boolean;
}

export type HoldStatus = 'ACTIVE' | 'EXPIRED' | 'RELEASED';
export type ReservationStatus = 'PENDING' | 'CONFIRMED' | 'EXPIRED' | 'CANCELLED';

/** A hold (the seed's "occupation"): seats of one event kept for one user until `expiresAt`. */
export interface Hold {
  id: number;
  concertEventId: number;
  userId: number;
  status: HoldStatus;
  expiresAt: Date;
  createdAt: Date;
  seats: Array<{ seatId: number; seatNumber: number; price: number }>;
}

/** A reservation made from a hold; `expiresAt` is its payment deadline. */
export interface Reservation {
  id: number;
  concertId: number;
  concertEventId: number;
  userId: number;
  occupationId: number;
  status: ReservationStatus;
  totalSeats: number;
  totalAmount: number;
  createdAt: Date;
  expiresAt: Date;
}

/** A hold is usable only while ACTIVE and before its deadline, whatever the sweeper has done yet. */
export const isHoldLive = (hold: Hold, now: Date): boolean =>
  hold.status === 'ACTIVE' && hold.expiresAt.getTime() > now.getTime();

export const sameSeats = (hold: Hold, seatIds: readonly number[]): boolean => {
  const held = new Set(hold.seats.map((seat) => seat.seatId));
  return held.size === seatIds.length && seatIds.every((seatId) => held.has(seatId));
};
