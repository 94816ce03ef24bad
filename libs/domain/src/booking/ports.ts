import type { Hold, Reservation, Seat, SeatState } from './booking.js';

/** Real-time seat availability: never cached. */
export interface SeatInventory {
  /** Read-only: concurrent callers may be handed the same list. */
  availableSeats(concertEventId: number): Promise<readonly Seat[]>;
  /** The seats of the event among `seatIds`, with whether each is on sale now (unknown or foreign ids are missing). */
  seatsOf(concertEventId: number, seatIds: readonly number[]): Promise<SeatState[]>;
  /** Every seat of the event by seat number, with whether it is on sale now (read-only, may be shared). */
  seatMap(concertEventId: number): Promise<readonly SeatState[]>;
}

/** Some seats of one event: those a write changed together. */
export interface EventSeats {
  concertEventId: number;
  seatIds: number[];
}

/** A short claim on seats: who made it and until when (the use cases' clock). */
export interface SeatClaim {
  owner: number;
  until: Date;
}

/**
 * Advisory claims on seats, kept in front of the database so that the losers of a rush are turned
 * away without touching it (docs/adr/0006). Never the truth: a claim never sells a seat, and a stale
 * one only turns buyers away until it lapses.
 */
export interface SeatClaims {
  /**
   * Claims every seat for `claim.owner`, or none: returns the seats that another owner's claim,
   * unexpired at `now`, still covers (empty when the claim was made).
   */
  claim(concertEventId: number, seatIds: readonly number[], claim: SeatClaim, now: Date): Promise<number[]>;
  /** Drops the seats' claims that are still exactly `claim`. */
  release(concertEventId: number, seatIds: readonly number[], claim: SeatClaim): Promise<void>;
  /** Drops `owner`'s claims of these seats, whatever their deadline: the seats are back on sale. */
  forget(concertEventId: number, seatIds: readonly number[], owner: number): Promise<void>;
}

export interface NewHold {
  concertEventId: number;
  userId: number;
  seatIds: readonly number[];
  createdAt: Date;
  expiresAt: Date;
}

export interface NewReservation {
  hold: Hold;
  concertId: number;
  createdAt: Date;
  expiresAt: Date;
}

/** What placing a hold found, inside the transaction that wrote it. */
export interface HoldPlacement {
  holdId: number;
  /** How many of the seats asked for were still available; the hold took exactly those. */
  claimed: number;
  /** The event's seats among those asked for (unknown or foreign ids are missing). */
  seats: Seat[];
  /** Seats the user already has in live holds and unpaid, unexpired reservations of the event. */
  alreadyHeld: number;
}

/** A reserve's reads and writes, all inside one database transaction. */
export interface BookingTransaction {
  findHold(occupationId: number): Promise<Hold | undefined>;
  /** ACTIVE and unexpired → RELEASED, for its holder only; false when that is no longer true. */
  releaseHold(occupationId: number, userId: number, now: Date): Promise<boolean>;
  findReservationOfHold(occupationId: number): Promise<Reservation | undefined>;
  /** Inserts the PENDING reservation and moves the hold's seat allocations to it. */
  createReservation(reservation: NewReservation): Promise<Reservation>;
}

export interface BookingStore {
  /**
   * Writes an ACTIVE hold of `hold.seatIds`, taking those of its seats that are still available, and
   * hands `accept` what it found. It commits only if `accept` returns; if `accept` throws, nothing is
   * kept and its error is thrown. Holds of one user and event are placed one after another (other
   * users never wait), so `alreadyHeld` includes every hold of the user placed before this one.
   */
  placeHold<T>(hold: NewHold, accept: (placement: HoldPlacement) => T | Promise<T>): Promise<T>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: BookingTransaction) => Promise<T>): Promise<T>;
  /** The user's ACTIVE, unexpired holds of the event, with their seats. */
  liveHolds(userId: number, concertEventId: number, now: Date): Promise<Hold[]>;
}

/** The expiry sweep's storage: each `expire*` is a conditional write, so several sweepers can race safely. */
export interface ExpiryStore {
  overdueHolds(now: Date, limit: number): Promise<number[]>;
  /** ACTIVE and past its deadline → EXPIRED, its seats back on sale; undefined if another process (or a reserve) won. */
  expireHold(occupationId: number, now: Date): Promise<EventSeats | undefined>;
  /** ACTIVE → EXPIRED now, whatever its deadline, its seats back on sale; undefined if a reserve or a sweeper won. */
  endHold(occupationId: number, now: Date): Promise<EventSeats | undefined>;
  overdueReservations(now: Date, limit: number): Promise<number[]>;
  /** PENDING and past its deadline → EXPIRED, its seats back on sale; undefined if paid or already expired. */
  expireReservation(reservationId: number, now: Date): Promise<EventSeats | undefined>;
}
