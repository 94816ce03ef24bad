import { AGGREGATE_OF, EVENT_SCHEMA_VERSION, type ChargeOutcome, type Credit, type IdempotentCompletion } from '@concert/domain';
import { and, eq, sql, type Query } from 'drizzle-orm';
import type { ResultSetHeader } from 'mysql2/promise';
import pLimit from 'p-limit';
import { batchedTransaction, writeResult, type Batches } from '../batchedTransaction.js';
import type { Database, DatabaseHandle } from '../client.js';
import { isRefusedStatement, retryingTransient } from '../errors.js';
import { completeClaimStatement } from '../idempotency/idempotencyStore.js';
import { eventId } from '../outbox/outboxRows.js';
import { boundStatement } from '../prepared.js';
import { returnedValue, returningValue } from '../returningValue.js';
import { outboxEvent, wallet, walletLedger } from '../schema/index.js';
import { serverTime } from '../schema/columns.js';
import { writeBatches, type ItemOutcome } from './writeBatches.js';

const $ = sql.placeholder;

// Changes nothing on an existing wallet (updated_at is kept too, or Drizzle would stamp it); two
// first charges racing both end with the one row.
const walletUpsert = boundStatement<{ userId: number }>((db) =>
  db
    .insert(wallet)
    .values({ userId: $('userId'), balance: 0 })
    .onDuplicateKeyUpdate({ set: { userId: sql`${wallet.userId}`, updatedAt: sql`${wallet.updatedAt}` } }),
);

// The credit below reports its new balance through LAST_INSERT_ID(expr) (returningValue.ts), and only
// when it matched; a statement sees the value the statements before it left. Zeroing it first (the
// upsert may have left a new wallet's id, an earlier charge on this connection its balance) makes
// "the credit happened" readable by the ledger insert.
const forgetReturnedValue: Query = { sql: 'DO LAST_INSERT_ID(0)', params: [] };

// The increment and the limit are one statement: racing charges queue on the row lock, and each
// re-checks the limit against the balance the previous one committed.
const credit = boundStatement<Credit>((db) =>
  db
    .update(wallet)
    .set({ balance: returningValue(sql`${wallet.balance} + ${$('amount')}`) })
    .where(and(eq(wallet.userId, $('userId')), sql`${wallet.balance} + ${$('amount')} <= ${$('maxBalance')}`)),
);

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
        refundId: sql<null>`NULL`.as('refund_id'),
        createdAt: serverTime.as('created_at'),
      })
      .from(wallet)
      .where(and(eq(wallet.userId, $('userId')), sql`LAST_INSERT_ID() > 0`)),
  ),
);

// The charge's wallet.charged event, on the same condition as its ledger entry (an insert of no row
// leaves LAST_INSERT_ID() as it was). The payload is EventPayloads['wallet.charged'] (libs/domain).
const chargedEventInsert = boundStatement<{ id: string; userId: number; amount: number }>((db) =>
  db.insert(outboxEvent).select(
    db
      .select({
        seq: sql<null>`NULL`.as('seq'),
        id: sql<string>`${$('id')}`.as('id'),
        type: sql<string>`'wallet.charged'`.as('type'),
        aggregateType: sql<string>`${AGGREGATE_OF['wallet.charged']}`.as('aggregate_type'),
        aggregateId: wallet.userId,
        schemaVersion: sql<number>`${EVENT_SCHEMA_VERSION}`.as('schema_version'),
        occurredAt: serverTime.as('occurred_at'),
        payload: sql<unknown>`JSON_OBJECT('userId', ${wallet.userId}, 'amount', ${$('amount')}, 'balance', ${wallet.balance})`.as('payload'),
        publishedAt: sql<null>`NULL`.as('published_at'),
      })
      .from(wallet)
      .where(and(eq(wallet.userId, $('userId')), sql`LAST_INSERT_ID() > 0`)),
  ),
);

/** A charge's statements; the credit's answer is the third, the ledger entry's the fourth. */
const chargeStatements = (db: Database, charge: Credit) => [
  walletUpsert(db, charge),
  forgetReturnedValue,
  credit(db, charge),
  chargeLedgerInsert(db, charge),
  chargedEventInsert(db, { id: eventId(new Date()), userId: charge.userId, amount: charge.amount }),
];
const STATEMENTS_PER_CHARGE = 5;
const CREDIT_AT = 2;
const LEDGER_AT = 3;

type Charged = ItemOutcome<number | undefined>;
class ClaimLost extends Error {}

export interface ChargeSettings {
  /** The bulkhead: charge transactions of this store at once; the rest wait their turn, in order. */
  concurrency: number;
  /** The most charges without an Idempotency-Key that one turn commits together. */
  batchSize: number;
}

/**
 * Every charge of the wallet store, behind one bulkhead: a rush of top-ups (a sale opens with
 * everyone topping up, outside the waiting room) never holds more than `concurrency` connections,
 * which admitted buyers' holds and payments need. Each turn of the bulkhead is one transaction in
 * which each charge is five statements: the wallet upsert, the reset of the returned value, the
 * conditional credit, and the ledger entry and the wallet.charged event written only if the credit
 * happened.
 * - Without an Idempotency-Key, a turn takes every such charge waiting then (up to `batchSize`),
 *   sorted by user so two processes' turns lock common wallets in the same order, and sends them
 *   with the COMMIT as one query: a burst costs a round trip and a commit per turn, not per charge.
 * - Under a key, a charge takes a turn alone: its credit, then the key's record (built from the new
 *   balance), then the COMMIT, so the record commits with the charge or neither does.
 * The upsert of an existing wallet locks the gap before its index entry until the commit, so a
 * neighbouring user's first charge may wait for it: a keyless turn holds that lock for one
 * server-side pass, a keyed charge for its three round trips.
 */
export function chargeWallets({ db, batchPool }: DatabaseHandle, { concurrency, batchSize }: ChargeSettings) {
  const slot = pLimit(concurrency);

  const chargeTogether = async (charges: Credit[]): Promise<Charged[]> => {
    const order = charges.map((charge, index) => ({ charge, index })).sort((a, b) => a.charge.userId - b.charge.userId);
    const results = await retryingTransient(() =>
      batchedTransaction(batchPool, (batches) => batches.commit(order.flatMap(({ charge }) => chargeStatements(db, charge)))),
    );
    const outcomes: Charged[] = [];
    order.forEach(({ charge, index }, position) => {
      const at = position * STATEMENTS_PER_CHARGE;
      outcomes[index] = checkedCharge(charge, results[at + CREDIT_AT], results[at + LEDGER_AT]);
    });
    return outcomes;
  };

  const keyless = writeBatches<Credit, number | undefined>(
    async (charges) => {
      try {
        return await chargeTogether(charges);
      } catch (error) {
        // Only a refused statement proves the batch did not commit; after a lost connection it may
        // have, and charging again could credit twice. Those charges fail, as a lone one would.
        if (charges.length === 1 || !isRefusedStatement(error)) throw error;
        // One bad charge fails its whole batch: charge each alone, so only that one fails.
        const outcomes: Charged[] = [];
        for (const charge of charges) {
          outcomes.push(...(await chargeTogether([charge]).catch((failure: unknown) => [{ ok: false as const, error: failure }])));
        }
        return outcomes;
      }
    },
    { slot, maxBatch: batchSize },
  );

  const keyed = (charge: Credit, record: (balance: number) => IdempotentCompletion) =>
    retryingTransient(() =>
      batchedTransaction(batchPool, async (batches) => {
        const results = await batches.send(chargeStatements(db, charge));
        const balance = valueOf(checkedCharge(charge, results[CREDIT_AT], results[LEDGER_AT]));
        if (balance !== undefined) await recordIn(batches, db, record(balance));
        return balance;
      }),
    );

  return async (charge: Credit, record?: (balance: number) => IdempotentCompletion): Promise<ChargeOutcome> => {
    // The ledger's condition reads "a balance above 0": only a credit of at least 1 guarantees it.
    if (!Number.isSafeInteger(charge.amount) || charge.amount < 1) {
      throw new RangeError(`A charge must add a whole amount of at least 1, not ${charge.amount}.`);
    }
    try {
      const balance = await (record ? slot(() => keyed(charge, record)) : keyless(charge));
      return balance === undefined ? { charged: false, reason: 'balance_limit' } : { charged: true, balance };
    } catch (error) {
      if (error instanceof ClaimLost) return { charged: false, reason: 'claim_lost' };
      throw error;
    }
  };
}

/** Stores the key's record in the charge's transaction; throws (rolling the charge back) when the key is no longer claimed. */
async function recordIn(batches: Batches, db: Database, completion: IdempotentCompletion) {
  const [completed] = await batches.send([completeClaimStatement(db, completion)]);
  if (writeResult(completed).affectedRows !== 1) throw new ClaimLost();
}

function valueOf(outcome: Charged): number | undefined {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * The new balance a charge left, or undefined when it was refused. The books must never hold a
 * credit without its entry; once committed this check cannot undo it, but it makes such a break
 * loud instead of silent.
 */
function checkedCharge({ userId }: Credit, credited?: unknown, ledger?: unknown): Charged {
  if (!credited || !ledger) return { ok: false, error: new Error(`The charge of user ${userId} got no answer.`) };
  const balance = returnedValue(credited as ResultSetHeader);
  const entries = writeResult(ledger).affectedRows;
  if ((balance === undefined ? 0 : 1) !== entries) {
    const what = balance === undefined ? 'no credit' : 'a credit';
    return { ok: false, error: new Error(`The charge of user ${userId} committed ${what} and ${entries} ledger entries.`) };
  }
  return { ok: true, value: balance };
}
