import type { ReservationStatus } from '../booking/booking.js';
import type { EventSeats } from '../booking/ports.js';
import type { IdempotentCompletion } from '../idempotency/idempotencyStore.js';

/** A payment as stored: one per reservation; only refunds change it afterwards (`refundedAmount`, `status`). */
export interface Payment {
  id: number;
  reservationId: number;
  userId: number;
  amount: number;
  status: 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
  /** The sum of its refunds, at most `amount`. */
  refundedAmount: number;
  paidAt: Date;
}

/** A reservation as a payment sees it. */
export interface PayableReservation {
  id: number;
  userId: number;
  status: ReservationStatus;
  totalAmount: number;
  /** The payment deadline. */
  expiresAt: Date;
}

/** One balance change; the balance always equals the sum of its user's entries. */
export interface LedgerEntry {
  userId: number;
  /** Signed: a charge is positive, a payment negative. */
  amount: number;
  balanceAfter: number;
  reason: 'CHARGE' | 'PAYMENT' | 'REFUND';
  paymentId?: number;
}

/** A credit of `amount` (at least 1) to a user's wallet, refused if the balance would pass `maxBalance`. */
export interface Credit {
  userId: number;
  amount: number;
  maxBalance: number;
}

/** What a charge did: the new balance, or why nothing was added. */
export type ChargeOutcome =
  | { charged: true; balance: number }
  /** The balance would pass `maxBalance` (an empty wallet may have been created), or the Idempotency-Key's claim was gone. */
  | { charged: false; reason: 'balance_limit' | 'claim_lost' };

/** What paying a reservation did. */
export type PaymentAttempt =
  | { paid: true; payment: Payment }
  /** Nothing changed: the reservation is not the user's PENDING one before its deadline (any more). */
  | { paid: false; reason: 'not_payable' }
  /** Nothing changed: the wallet holds less than `amount`. */
  | { paid: false; reason: 'insufficient_balance'; amount: number };

/** Wallets, their ledger and payments (MySQL in production). */
export interface WalletStore {
  /**
   * A charge as one atomic step: creates the wallet when missing, adds `amount` unless the balance
   * would pass `maxBalance`, and writes the ledger entry of what it added. Under an Idempotency-Key,
   * `record` turns the new balance into the key's finished record, stored in the same transaction:
   * if the key is no longer claimed, nothing is added (`claim_lost`).
   */
  charge(credit: Credit, record?: (balance: number) => IdempotentCompletion): Promise<ChargeOutcome>;
  /**
   * Pays the user's PENDING reservation before its deadline from the wallet, all or nothing: confirms
   * it, takes its amount from the balance, writes the payment and its ledger entry. Of concurrent
   * attempts on one reservation exactly one pays; the others wait for it and find it not payable.
   */
  pay(input: { reservationId: number; userId: number; now: Date }): Promise<PaymentAttempt>;
  /** The reservation as a payment sees it, as last committed. */
  reservationOf(reservationId: number): Promise<PayableReservation | undefined>;
  /** Undefined when the user has no wallet. */
  balanceOf(userId: number): Promise<number | undefined>;
  paymentOf(reservationId: number): Promise<Payment | undefined>;
  /** The seats a reservation keeps off sale, and their event. */
  seatsOf(reservationId: number): Promise<EventSeats>;
  /** A user's payments, newest first. */
  paymentsOf(userId: number, limit: number): Promise<Payment[]>;
}
