import type { IdempotentCompletion } from '../idempotency/idempotencyStore.js';

/** A payment as stored: one per reservation, never changed after it is written. */
export interface Payment {
  id: number;
  reservationId: number;
  userId: number;
  amount: number;
  status: 'COMPLETED';
  paidAt: Date;
}

/** A reservation as a payment sees it. */
export interface PayableReservation {
  id: number;
  userId: number;
  status: 'PENDING' | 'CONFIRMED' | 'EXPIRED';
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
  reason: 'CHARGE' | 'PAYMENT';
  paymentId?: number;
}

/** A credit of `amount` (at least 1) to a user's wallet, refused if the balance would pass `maxBalance`. */
export interface Credit {
  userId: number;
  amount: number;
  maxBalance: number;
}

/**
 * The writes of one money transaction. Each write is conditional on the state it needs, so two
 * transactions racing for the same row cannot both win; a thrown error rolls every write back.
 * Reads here see the latest committed state (locking reads), not a snapshot from before a race.
 * Writes called together (under one `Promise.all`) run in the order called, and may share one
 * round trip to the database.
 */
export interface MoneyTransaction {
  /** Adds to the balance unless the result would pass `maxBalance`: the new balance, or undefined. */
  credit(input: Credit): Promise<number | undefined>;
  /** Takes from the balance unless it would go below zero (or there is no wallet): the new balance, or undefined. */
  debit(input: { userId: number; amount: number }): Promise<number | undefined>;
  appendLedger(entry: LedgerEntry): Promise<void>;
  /**
   * PENDING → CONFIRMED for its owner before its deadline: the reservation's total amount, or
   * undefined when any of that does not hold.
   */
  confirmReservation(input: { reservationId: number; userId: number; now: Date }): Promise<number | undefined>;
  reservation(reservationId: number): Promise<PayableReservation | undefined>;
  insertPayment(payment: Omit<Payment, 'id'>): Promise<Payment>;
  paymentOf(reservationId: number): Promise<Payment | undefined>;
  /**
   * Stores a claimed Idempotency-Key's outcome as part of this transaction (the store's `complete`,
   * on this transaction's connection). False when the key is no longer claimed: another run of
   * the same request already stored its outcome, or the claim was given up or purged.
   */
  completeIdempotentRequest(completion: IdempotentCompletion): Promise<boolean>;
}

/** Wallets, the ledger and payments (MySQL in production). */
export interface MoneyStore {
  /** Creates an empty wallet (balance 0, no ledger entry) when the user has none; safe to race. */
  openWallet(userId: number): Promise<void>;
  /**
   * A charge as one atomic step: creates the wallet when missing, adds `amount` unless the balance
   * would pass `maxBalance`, and writes the ledger entry of what it added. The new balance, or
   * undefined when refused (nothing is then added, though an empty wallet may have been created).
   */
  charge(input: Credit): Promise<number | undefined>;
  /** Undefined when the user has no wallet. */
  balanceOf(userId: number): Promise<number | undefined>;
  paymentOf(reservationId: number): Promise<Payment | undefined>;
  /** A user's payments, newest first. */
  paymentsOf(userId: number, limit: number): Promise<Payment[]>;
  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (tx: MoneyTransaction) => Promise<T>): Promise<T>;
}
