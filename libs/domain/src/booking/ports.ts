import type { Hold, Reservation, Seat, SeatState } from './booking.js';

/** Real-time seat availability: never cached. */
export interface SeatInventory {
  /** Read-only: concurrent callers may be handed the same list. */
  availableSeats(concertEventId: number): Promise<readonly Seat[]>;
  /** The seats of the event among `seatIds`, with whether each is on sale now (unknown or foreign ids are missing). */
  seatsOf(concertEventId: number, seatIds: readonly number[]): Promise<SeatState[]>;
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

/**
 * The writes of holding and reserving, all inside one database transaction. Writes called together
 * (under one `Promise.all`) run in the order called, and may share one round trip to the database.
 */
export interface BookingTransaction {
  /**
   * Takes the seats that are still available, all in one conditional write, and returns how many
   * it took. Fewer than asked means someone else has one: the caller must abort the transaction.
   */
  claimSeats(concertEventId: number, seatIds: readonly number[]): Promise<number>;
  /**
   * Serialises the transactions of one user on one event until commit; other users never wait.
   * True when the user has never held seats of the event: they have none to count. That relies on
   * every hold being created after this call (or together with it) in the same transaction: anything
   * else that creates holds (an import, an operator tool) must take this lock too, or the seat limit
   * can be passed.
   */
  lockUserEvent(userId: number, concertEventId: number): Promise<boolean>;
  /** Seats the user has in live holds and unpaid, unexpired reservations of the event. */
  liveSeatCount(userId: number, concertEventId: number, now: Date): Promise<number>;
  /**
   * Writes the ACTIVE hold and answers its id. Its seats, at their numbers and prices, are written at
   * commit, so a count in this transaction leaves them out.
   */
  createHold(hold: NewHold): Promise<number>;
  /** The event's seats among `seatIds`, read inside the transaction (unknown or foreign ids are missing). */
  readSeats(concertEventId: number, seatIds: readonly number[]): Promise<Seat[]>;
  findHold(occupationId: number): Promise<Hold | undefined>;
  /** ACTIVE and unexpired → RELEASED, for its holder only; false when that is no longer true. */
  releaseHold(occupationId: number, userId: number, now: Date): Promise<boolean>;
  findReservationOfHold(occupationId: number): Promise<Reservation | undefined>;
  /** Inserts the PENDING reservation and moves the hold's seat allocations to it. */
  createReservation(reservation: NewReservation): Promise<Reservation>;
}

export interface BookingStore {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: BookingTransaction) => Promise<T>): Promise<T>;
  /** The user's ACTIVE, unexpired holds of the event, with their seats. */
  liveHolds(userId: number, concertEventId: number, now: Date): Promise<Hold[]>;
}

/** The expiry sweep's storage: each `expire*` is a conditional write, so several sweepers can race safely. */
export interface ExpiryStore {
  overdueHolds(now: Date, limit: number): Promise<number[]>;
  /** ACTIVE and past its deadline → EXPIRED, its seats back on sale; false if another process (or a reserve) won. */
  expireHold(occupationId: number, now: Date): Promise<boolean>;
  /** ACTIVE → EXPIRED now, whatever its deadline, its seats back on sale; false if a reserve or a sweeper won. */
  endHold(occupationId: number, now: Date): Promise<boolean>;
  overdueReservations(now: Date, limit: number): Promise<number[]>;
  /** PENDING and past its deadline → EXPIRED, its seats back on sale; false if paid or already expired. */
  expireReservation(reservationId: number, now: Date): Promise<boolean>;
}
