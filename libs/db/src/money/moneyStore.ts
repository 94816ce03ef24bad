import type { MoneyStore } from '@concert/domain';
import { and, desc, eq, sql, type Query } from 'drizzle-orm';
import type { DatabaseHandle, Queryable, WriteResult } from '../client.js';
import { retryingTransient } from '../errors.js';
import { boundStatement, prepared } from '../prepared.js';
import { payment, wallet, walletLedger } from '../schema/index.js';
import { serverTime } from '../serverTime.js';
import { writtenValue } from '../writtenValue.js';
import { creditStatement, findPayment, moneyTransaction, paymentColumns } from './moneyTransaction.js';

const $ = sql.placeholder;

// Changes nothing on an existing wallet (updated_at is kept too, or drizzle would stamp it); two
// first charges racing both end with the one row.
const walletUpsertOf = (db: Queryable) =>
  db
    .insert(wallet)
    .values({ userId: $('userId'), balance: 0 })
    .onDuplicateKeyUpdate({ set: { userId: sql`${wallet.userId}`, updatedAt: sql`${wallet.updatedAt}` } });
const walletUpsert = prepared<{ userId: number }, unknown>((db) => walletUpsertOf(db).prepare());
const walletUpsertStatement = boundStatement<{ userId: number }>(walletUpsertOf);

// The credit below reports its new balance through LAST_INSERT_ID(expr) (writtenValue.ts), and only
// when it matched; a statement sees the value the statements before it left. Zeroing it first (the
// upsert may have left a new wallet's id, an earlier charge on this connection its balance) makes
// "the credit happened" readable by the ledger insert.
const forgetWrittenValue: Query = { sql: 'DO LAST_INSERT_ID(0)', params: [] };

// The charge's ledger entry, written only if the credit just before it happened (a balance after a
// credit is at least 1), with the balance that credit left.
const chargeLedgerInsert = boundStatement<{ userId: number; amount: number }>((db) =>
  db.insert(walletLedger).select(
    db
      .select({
        id: sql<null>`NULL`.as('id'),
        userId: wallet.userId,
        amount: sql<number>`${$('amount')}`.as('amount'),
        balanceAfter: wallet.balance,
        reason: sql<'CHARGE'>`'CHARGE'`.as('reason'),
        paymentId: sql<null>`NULL`.as('payment_id'),
        createdAt: serverTime.as('created_at'),
      })
      .from(wallet)
      .where(and(eq(wallet.userId, $('userId')), sql`LAST_INSERT_ID() > 0`)),
  ),
);

export function createMoneyStore({ db, transaction, atomically }: DatabaseHandle): MoneyStore {
  return {
    async openWallet(userId) {
      await walletUpsert(db, { userId });
    },

    async charge(values) {
      // The ledger's condition reads "a balance above 0": only a credit of at least 1 guarantees it.
      if (!Number.isSafeInteger(values.amount) || values.amount < 1) {
        throw new RangeError(`A charge must add a whole amount of at least 1, not ${values.amount}.`);
      }
      const [, , credited, ledger] = (await retryingTransient(() =>
        atomically([
          walletUpsertStatement(db, values),
          forgetWrittenValue,
          creditStatement(db, values),
          chargeLedgerInsert(db, values),
        ]),
      )) as [WriteResult, WriteResult, WriteResult, WriteResult];
      const balance = writtenValue(credited);
      // The books must never hold a credit without its entry. It is committed by now, so this
      // check cannot undo it; it makes such a break loud instead of silent.
      if ((balance === undefined ? 0 : 1) !== ledger.affectedRows) {
        throw new Error(`The charge of user ${values.userId} committed ${balance === undefined ? 'no credit' : 'a credit'} and ${ledger.affectedRows} ledger entries.`);
      }
      return balance;
    },

    async balanceOf(userId) {
      const [row] = await db.select({ balance: wallet.balance }).from(wallet).where(eq(wallet.userId, userId));
      return row?.balance;
    },

    paymentOf: (reservationId) => findPayment(db, reservationId),

    async paymentsOf(userId, limit) {
      const rows = await db
        .select(paymentColumns)
        .from(payment)
        .where(eq(payment.userId, userId))
        .orderBy(desc(payment.paidAt), desc(payment.id))
        .limit(limit);
      return rows;
    },

    transaction: (work) => retryingTransient(() => transaction((tx, atCommit, send) => work(moneyTransaction(tx, atCommit, send)))),
  };
}
