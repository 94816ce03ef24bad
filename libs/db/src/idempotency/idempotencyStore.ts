import type { IdempotencyRecord, IdempotencyScope, IdempotencyStore, IdempotentCompletion } from '@concert/domain';
import { and, eq, lte, sql, type Query } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import type { Database } from '../client.js';
import { isDuplicateKey } from '../errors.js';
import { idempotencyKey } from '../schema/index.js';

/** status_code 0 marks a claim whose request is still running; a finished one holds the real status. */
const IN_PROGRESS = 0;

const byScope = (scope: IdempotencyScope) =>
  and(
    eq(idempotencyKey.userId, scope.userId),
    eq(idempotencyKey.route, scope.route),
    eq(idempotencyKey.key, scope.key),
  );

/**
 * Turns a claim into its finished record; it changes no row when the row is no longer a claim.
 * Inside a charge's transaction this UPDATE holds the row's lock until the commit, so of two runs of
 * one request (one outliving its lease) the second waits, then matches nothing and rolls back.
 */
const completeClaim = (db: Database, { scope, outcome, expiresAt }: IdempotentCompletion) =>
  db
    .update(idempotencyKey)
    .set({ statusCode: outcome.statusCode, responseBody: outcome.body, expiresAt })
    .where(and(byScope(scope), eq(idempotencyKey.statusCode, IN_PROGRESS)));

/** The same, as a statement of a charge's transaction (wallet/chargeWallets.ts). */
export const completeClaimStatement = (db: Database, completion: IdempotentCompletion): Query => completeClaim(db, completion).toSQL();

/**
 * A claim is the row's INSERT: the primary key (user, route, key) lets exactly one of several
 * racing requests create it. A row past its expiry is taken over by a conditional UPDATE, which
 * again only one racer wins.
 */
export function createIdempotencyStore(db: Database): IdempotencyStore {
  const claimValues = (requestHash: string, now: Date, leaseUntil: Date) => ({
    requestHash,
    statusCode: IN_PROGRESS,
    responseBody: {},
    createdAt: now,
    expiresAt: leaseUntil,
  });

  async function read(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const [row] = await db
      .select({
        requestHash: idempotencyKey.requestHash,
        statusCode: idempotencyKey.statusCode,
        body: idempotencyKey.responseBody,
      })
      .from(idempotencyKey)
      .where(byScope(scope));
    if (!row) return undefined;
    return row.statusCode === IN_PROGRESS
      ? { requestHash: row.requestHash, state: 'in_progress' }
      : { requestHash: row.requestHash, state: 'done', outcome: { statusCode: row.statusCode, body: row.body } };
  }

  return {
    async claim({ scope, requestHash, now, leaseUntil }) {
      // Twice at most: the row we collide with may be purged between our INSERT and our read.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        try {
          await db.insert(idempotencyKey).values({ ...scope, ...claimValues(requestHash, now, leaseUntil) });
          return { claimed: true };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const [takeover] = await db
          .update(idempotencyKey)
          .set(claimValues(requestHash, now, leaseUntil))
          .where(and(byScope(scope), lte(idempotencyKey.expiresAt, now)));
        if (takeover.affectedRows === 1) return { claimed: true };
        const record = await read(scope);
        if (record) return { claimed: false, record };
      }
      throw new Error(`Idempotency key ${scope.key} could neither be claimed nor read.`);
    },

    async complete(completion) {
      await completeClaim(db, completion);
    },

    async release(scope) {
      await db.delete(idempotencyKey).where(and(byScope(scope), eq(idempotencyKey.statusCode, IN_PROGRESS)));
    },

    async purgeExpired({ now, limit }) {
      // Drizzle's MySQL delete has no LIMIT; a bounded batch keeps each statement's locks short.
      return affectedRows(
        await db.execute(sql`DELETE FROM ${idempotencyKey} WHERE ${lte(idempotencyKey.expiresAt, now)} LIMIT ${limit}`),
      );
    },
  };
}
