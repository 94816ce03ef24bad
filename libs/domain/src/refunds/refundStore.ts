import type { ReservationStatus } from '../booking/booking.js';
import type { CancellationPolicy } from '../booking/catalog.js';

/** Money given back for a payment, credited to the buyer's wallet with a REFUND ledger entry. */
export interface Refund {
  id: number;
  paymentId: number;
  reservationId: number;
  userId: number;
  amount: number;
  kind: 'CANCELLATION' | 'OPERATOR';
  reason: string;
  createdAt: Date;
}

/** A reservation as a cancellation or refund sees it: its state, its event's policy and its payment. */
export interface RefundableReservation {
  id: number;
  userId: number;
  concertEventId: number;
  status: ReservationStatus;
  totalAmount: number;
  /** The payment deadline of a PENDING reservation. */
  expiresAt: Date;
  showStartsAt: Date;
  policy: CancellationPolicy;
  payment?: { id: number; amount: number; refundedAmount: number };
  /** The seats it keeps off sale (or kept, once cancelled). */
  seatIds: number[];
}

export interface RefundRequest {
  reservationId: number;
  amount: number;
  kind: Refund['kind'];
  reason: string;
  /** Also CONFIRMED → CANCELLED with its seats back on sale; when it is no longer CONFIRMED, nothing changes. */
  cancel: boolean;
  now: Date;
}

/** What a refund did; on `false`, nothing changed. */
export type RefundOutcome =
  | { refunded: true; refund?: Refund }
  | { refunded: false; reason: 'not_confirmed' | 'exceeds_payment' };

/** Cancellations and refunds on storage: each write is one transaction whose conditional UPDATE decides races. */
export interface RefundStore {
  reservation(reservationId: number): Promise<RefundableReservation | undefined>;
  /** PENDING and before its deadline → CANCELLED, its seats back on sale; false when a payment, the sweeper or another cancel won. */
  cancelUnpaid(reservationId: number, now: Date): Promise<boolean>;
  /**
   * Adds a refund of `amount` (0: none, only the cancel) to the reservation's payment, credits the
   * wallet and writes the ledger entry, all or nothing. Refunds of a payment never pass its amount,
   * however many race.
   */
  refund(request: RefundRequest): Promise<RefundOutcome>;
  refundsOf(reservationId: number): Promise<Refund[]>;
}
