import { expect } from 'vitest';
import { schema, type Database } from '@concert/db';
import type { ActiveSlotReleaser } from '@concert/domain';
import { eq, sql } from 'drizzle-orm';

/** What a user's money looks like in the tables: the balance, and what the ledger and payments say. */
export async function booksOf(db: Database, userId: number) {
  const [walletRow] = await db.select().from(schema.wallet).where(eq(schema.wallet.userId, userId));
  const [ledger] = await db
    .select({ sum: sql<string | null>`SUM(${schema.walletLedger.amount})`, rows: sql<number>`COUNT(*)` })
    .from(schema.walletLedger)
    .where(eq(schema.walletLedger.userId, userId));
  const payments = await db.select().from(schema.payment).where(eq(schema.payment.userId, userId));
  return {
    balance: walletRow?.balance,
    ledgerSum: Number(ledger?.sum ?? 0),
    ledgerRows: Number(ledger?.rows ?? 0),
    payments,
  };
}

export async function reservationStatus(db: Database, reservationId: number) {
  const [row] = await db
    .select({ status: schema.reservation.status })
    .from(schema.reservation)
    .where(eq(schema.reservation.id, reservationId));
  return row?.status;
}

/** A releaser that remembers whom it released, in place of the waiting room. */
export function recordingReleaser(): ActiveSlotReleaser & { released: number[] } {
  const released: number[] = [];
  return {
    released,
    async release(userId) {
      released.push(userId);
    },
  };
}

/** Asserts a user's balance and payment count, and that the ledger adds up to the balance. */
export async function expectBooks(db: Database, userId: number, expected: { balance: number; payments: number }) {
  const books = await booksOf(db, userId);
  expect({ balance: books.balance, ledgerSum: books.ledgerSum, payments: books.payments.length }).toEqual({
    balance: expected.balance,
    ledgerSum: expected.balance,
    payments: expected.payments,
  });
  return books;
}
