import type { Credit } from '@concert/domain';
import { and, eq, sql, type Query } from 'drizzle-orm';
import type { DatabaseHandle, WriteResult } from '../client.js';
import { isRefusedStatement, retryingTransient } from '../errors.js';
import { boundStatement } from '../prepared.js';
import { wallet, walletLedger } from '../schema/index.js';
import { serverTime } from '../serverTime.js';
import { writeBatches, type ItemOutcome, type Slot } from '../writeBatches.js';
import { writtenValue } from '../writtenValue.js';
import { creditStatement } from './moneyTransaction.js';
import { walletUpsertStatement } from './walletUpsert.js';

const $ = sql.placeholder;

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

/** A charge's statements; the credit's answer is the third, the ledger entry's the fourth. */
const STATEMENTS_PER_CHARGE = 4;
const CREDIT_AT = 2;
const LEDGER_AT = 3;

type ChargeOutcome = ItemOutcome<number | undefined>;

/**
 * Charges without an Idempotency-Key (docs/adr/0009, 0010). Each is four statements: the wallet
 * upsert, the reset of the written value, the conditional credit and the ledger entry written only
 * if the credit happened. Each turn of `slot` sends every charge waiting then, with the COMMIT, as
 * one query: a burst of top-ups costs a round trip and a commit per turn, not per charge. Answers
 * the new balance, or undefined when the credit would pass the maximum.
 */
export function keylessCharges(
  { db, atomically }: DatabaseHandle,
  { slot, maxBatch }: { slot: Slot; maxBatch: number },
): (credit: Credit) => Promise<number | undefined> {
  // In user order: two batches of two processes then lock their common wallets in the same order.
  const chargeTogether = async (credits: Credit[]): Promise<ChargeOutcome[]> => {
    const order = credits.map((credit, index) => ({ credit, index })).sort((a, b) => a.credit.userId - b.credit.userId);
    const results = (await retryingTransient(() =>
      atomically(
        order.flatMap(({ credit }) => [
          walletUpsertStatement(db, credit),
          forgetWrittenValue,
          creditStatement(db, credit),
          chargeLedgerInsert(db, credit),
        ]),
      ),
    )) as WriteResult[];
    const outcomes: ChargeOutcome[] = [];
    order.forEach(({ credit, index }, position) => {
      const at = position * STATEMENTS_PER_CHARGE;
      outcomes[index] = checkedCharge(credit, results[at + CREDIT_AT], results[at + LEDGER_AT]);
    });
    return outcomes;
  };

  return writeBatches<Credit, number | undefined>(
    async (credits) => {
      try {
        return await chargeTogether(credits);
      } catch (error) {
        // Only a refused statement proves the batch did not commit; after a lost connection it may
        // have, and charging again could credit twice. Those charges fail, as a lone one would.
        if (credits.length === 1 || !isRefusedStatement(error)) throw error;
        // One bad charge fails its whole batch: charge each alone, so only that one fails.
        const outcomes: ChargeOutcome[] = [];
        for (const credit of credits) {
          outcomes.push(...(await chargeTogether([credit]).catch((failure: unknown) => [{ ok: false as const, error: failure }])));
        }
        return outcomes;
      }
    },
    { slot, maxBatch },
  );
}

/**
 * The new balance a committed charge left, or undefined when it was refused. The books must never
 * hold a credit without its entry; it is committed by now, so this check cannot undo it, but it
 * makes such a break loud instead of silent.
 */
function checkedCharge({ userId }: Credit, credited?: WriteResult, ledger?: WriteResult): ChargeOutcome {
  if (!credited || !ledger) return { ok: false, error: new Error(`The charge of user ${userId} got no answer.`) };
  const balance = writtenValue(credited);
  if ((balance === undefined ? 0 : 1) !== ledger.affectedRows) {
    const credit = balance === undefined ? 'no credit' : 'a credit';
    return { ok: false, error: new Error(`The charge of user ${userId} committed ${credit} and ${ledger.affectedRows} ledger entries.`) };
  }
  return { ok: true, value: balance };
}
