import type { Query } from 'drizzle-orm';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { z } from 'zod';

/** The statements of one transaction, sent as few multi-statement queries as the caller's rules allow. */
export interface Batches {
  /**
   * Sends `statements` as one query, in order, and answers each one's result. The first call opens
   * the transaction in that same query. MySQL stops at the first statement that fails: the call
   * then throws its error and the transaction rolls back.
   */
  send(statements: readonly Query[]): Promise<unknown[]>;
  /** As `send`, with the COMMIT as the query's last statement. */
  commit(statements?: readonly Query[]): Promise<unknown[]>;
}

/**
 * One transaction on a multi-statement connection (`DatabaseHandle.batchPool`), for the hot paths
 * whose round trips were measured to matter (docs/adr/0012): `booking/placeHold.ts`,
 * `booking/reserveInBatches.ts`, `wallet/payFromWallet.ts`, `wallet/chargeWallets.ts`. Every other
 * transaction is Drizzle's own (`withTransaction`).
 * The statements are Drizzle's, placeholders and values apart: the driver escapes every value.
 * Rolled back when `work` throws, or committed when it returns without having committed.
 */
export async function batchedTransaction<T>(pool: Pool, work: (batches: Batches) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  let state = 'new' as 'new' | 'open' | 'committed';
  const run = async (statements: readonly Query[], ending: boolean) => {
    const opening = state === 'new';
    state = 'open';
    const texts = [...(opening ? ['START TRANSACTION'] : []), ...statements.map((statement) => statement.sql), ...(ending ? ['COMMIT'] : [])];
    const [answer] = await connection.query({ sql: texts.join(';\n'), values: statements.flatMap((statement) => statement.params) });
    if (ending) state = 'committed';
    // One statement answers its result; several answer one result each, in order.
    const results = texts.length === 1 ? [answer] : (answer as unknown[]);
    return results.slice(opening ? 1 : 0, (opening ? 1 : 0) + statements.length);
  };
  try {
    const result = await work({ send: (statements) => run(statements, false), commit: (statements = []) => run(statements, true) });
    if (state === 'open') await run([], true);
    connection.release();
    return result;
  } catch (error) {
    if (state === 'committed') connection.release();
    else await rollBack(connection);
    throw error;
  }
}

async function rollBack(connection: PoolConnection) {
  await connection.query('ROLLBACK').then(
    () => connection.release(),
    // A connection that cannot confirm its rollback may still hold the transaction: never reuse it.
    () => connection.destroy(),
  );
}

/** What a write answers: the rows it changed and, for an insert, the first id it generated. */
export const writeResult = (result: unknown): ResultSetHeader => result as ResultSetHeader;

/** A read's rows, checked against the shape its statement selects. */
export const rowsOf = <Row>(result: unknown, row: z.ZodType<Row>): Row[] => (result as unknown[]).map((each) => row.parse(each));
