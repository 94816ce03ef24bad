import { sql, type Query } from 'drizzle-orm';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import type { Connection as CoreConnection } from 'mysql2';
import { createPool, type Pool, type PoolConnection, type PoolOptions } from 'mysql2/promise';
import * as schema from './schema/index.js';
import { describeDatabaseFailure } from './errors.js';

export type Database = MySql2Database<typeof schema>;

/**
 * Queues a write whose answer nobody reads to go out with the COMMIT, in the transaction's last
 * round trip. It runs after every statement sent before the commit, so nothing in the transaction
 * may read what it writes; when it fails, the whole transaction rolls back and the failure is thrown.
 */
export type AtCommit = (statement: Query) => void;

/**
 * A transaction's query builder: the database's, but for `transaction`, since a nested one would
 * send its own statements on this connection rather than a savepoint.
 */
export type Queryable = Omit<Database, 'transaction'>;

/** What a write answers: the rows it changed and, for an insert, the first id it generated. */
export interface WriteResult {
  affectedRows: number;
  insertId: number;
}

/**
 * Sends a statement in the transaction and answers its result: a write's `WriteResult`, a read's
 * rows (as the driver gives them, keyed by column name). The statements sent in one turn of the
 * event loop (say, under one `Promise.all`) go in one round trip, in the order they were sent;
 * MySQL stops at the first that fails, and every one of them is then rejected with that failure.
 * Statements run through `tx` in that same turn may go first: await a write before reading what it wrote.
 */
export type Send = <Result = WriteResult>(statement: Query) => Promise<Result>;

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export type Transact = <T>(work: TransactionWork<T>) => Promise<T>;

export type TransactionWork<T> = (tx: Queryable, atCommit: AtCommit, send: Send) => Promise<T>;

/**
 * Runs statements as one transaction in one round trip, the COMMIT included, and answers each
 * one's result in order (as `Send` does). Nothing may depend on an earlier statement's answer but
 * through SQL itself, so no lock is held while an answer travels. When a statement fails, none
 * commits and its failure is thrown. When the connection is lost instead, the outcome is unknown
 * (the COMMIT may have run), as for any commit.
 */
export type Atomically = (statements: readonly Query[]) => Promise<unknown[]>;

export interface DatabaseHandle {
  /** Single statements, each committed on its own. */
  db: Database;
  pool: Pool;
  transaction: Transact;
  atomically: Atomically;
  /** Resolves when a query round-trips; throws a message naming the URL when it does not. */
  ping(): Promise<void>;
  /**
   * Opens every connection of both pools now (and checks each, as `ping` does), so that a server's
   * first requests do not wait for them: a sale's first second is its busiest.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export function poolOptions(url: string, poolSize: number): PoolOptions {
  return {
    uri: url,
    connectionLimit: poolSize,
    // DATETIME columns hold UTC: read and write them as such whatever the server's zone.
    timezone: 'Z',
    supportBigNumbers: true,
    enableKeepAlive: true,
    connectTimeout: 5_000,
    // mysql2 captures a stack trace on every query so an error can point at its caller: about 5% of
    // the API's CPU under load (docs/benchmarks.md). Our errors are mapped and logged where they are
    // caught, with the statement's error code; the caller's frames are not worth that cost.
    trace: false,
    // A connection keeps its session as set up below (UTC, READ COMMITTED, and autocommit off in the
    // transaction pool) across checkouts; a reset on release would silently drop all three.
    resetOnRelease: false,
  };
}

/** `poolSize` connections at most, half for transactions and half for single statements. */
export function createDatabase(url: string, poolSize = 10): DatabaseHandle {
  const transactionConnections = Math.ceil(poolSize / 2);
  const plainConnections = Math.max(1, poolSize - transactionConnections);
  const pool = createPool(poolOptions(url, plainConnections));
  pool.pool.on('connection', (connection) => setUpSession(connection));
  // Several statements per round trip: the writes sent together (Send) and those queued for the
  // commit (AtCommit) go as one query.
  // Every statement of ours is built with placeholders escaped by the driver, never by concatenation.
  const transactionPool = createPool({ ...poolOptions(url, transactionConnections), multipleStatements: true });
  transactionPool.pool.on('connection', (connection) => {
    setUpSession(connection);
    // The first statement after a COMMIT or ROLLBACK opens the next transaction by itself (as JDBC
    // drivers run): no BEGIN round trip per transaction. Only `transaction` and `atomically` below
    // take connections from this pool, and both end what they started before giving one back.
    connection.query('SET autocommit = 0');
  });
  const db = drizzle({ client: pool, schema, mode: 'default' });
  const transaction = transactionRunner(transactionPool);
  return {
    db,
    pool,
    transaction,
    atomically: atomicRunner(transactionPool),
    async ping() {
      try {
        // Both pools, one after the other: readiness must notice either failing, and a server that
        // is down fails the first before the second starts connecting.
        await pool.query('SELECT 1');
        await transaction((tx) => tx.execute(sql`SELECT 1`));
      } catch (error) {
        throw describeDatabaseFailure(url, error);
      }
    },
    async warm() {
      // As many at once as each pool holds: every one needs a connection of its own. All of them
      // settle before a failure is reported, so that closing the pools next finds none half-open.
      const opened = await Promise.allSettled([
        ...Array.from({ length: plainConnections }, () => pool.query('SELECT 1')),
        ...Array.from({ length: transactionConnections }, () => transaction((tx) => tx.execute(sql`SELECT 1`))),
      ]);
      const failed = opened.find((outcome) => outcome.status === 'rejected');
      if (failed) throw describeDatabaseFailure(url, failed.reason);
    },
    close: async () => {
      await Promise.all([pool.end(), transactionPool.end()]);
    },
  };
}

function setUpSession(connection: CoreConnection) {
  // CURRENT_TIMESTAMP defaults and NOW() must be UTC too.
  connection.query("SET time_zone = '+00:00'");
  // READ COMMITTED for every transaction, set once per connection rather than before each one (a
  // round trip per transaction). Every write of ours is a conditional UPDATE or a locking read,
  // which see the latest commit whatever the level; the booking rules also need each statement to
  // see the latest commits (the seat count taken after the per-user lock: bookingStore.ts).
  connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  // mysql2 escapes values with backslashes, which this mode would turn into plain characters: a
  // value could then end its string early, and the transaction pool runs several statements per query.
  connection.query("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
}

function transactionRunner(transactionPool: Pool): Transact {
  // One query builder per connection, made on its first transaction (building one reads the schema).
  const builders = new WeakMap<object, Database>();
  return async <T>(work: TransactionWork<T>): Promise<T> => {
    const connection = await transactionPool.getConnection();
    let tx = builders.get(connection.connection);
    if (!tx) {
      tx = drizzle({ client: connection, schema, mode: 'default' });
      builders.set(connection.connection, tx);
    }
    const queued: string[] = [];
    const batches = sameTurnBatches(connection);
    try {
      const atCommit: AtCommit = ({ sql, params }) => queued.push(connection.format(sql, params));
      // A work that throws before returning its promise still waits for what it sent.
      const running = new Promise<T>((resolve) => resolve(work(tx, atCommit, batches.send)));
      const result = await running.then(
        async (value) => {
          await batches.settled();
          return value;
        },
        async (error: unknown) => {
          // The work's own error is the one to report; a failed batch only adds to it.
          await batches.settled().catch(() => undefined);
          throw error;
        },
      );
      // MySQL stops a multi-statement query at its first failing statement: a failed write never
      // reaches the COMMIT, and the rollback below undoes the rest.
      await connection.query([...queued, 'COMMIT'].join(';\n'));
      connection.release();
      return result;
    } catch (error) {
      await rollBack(connection);
      throw error;
    }
  };
}

function atomicRunner(transactionPool: Pool): Atomically {
  return async (statements) => {
    if (statements.length === 0) return [];
    const connection = await transactionPool.getConnection();
    let answers: unknown[];
    try {
      const texts = statements.map(({ sql, params }) => connection.format(sql, params));
      // MySQL stops at the first failing statement, so a failure never reaches the COMMIT. The
      // explicit START TRANSACTION keeps that true in a session whose autocommit was turned back on
      // (a proxy's reset, a lost SET): otherwise the statements before a failure would be committed.
      const [results] = await connection.query(['START TRANSACTION', ...texts, 'COMMIT'].join(';\n'));
      answers = (results as unknown[]).slice(1, statements.length + 1);
    } catch (error) {
      await rollBack(connection);
      throw error;
    }
    connection.release();
    return answers;
  };
}

async function rollBack(connection: PoolConnection) {
  await connection.query('ROLLBACK').then(
    () => connection.release(),
    // A connection that cannot confirm its rollback may still hold the transaction: never reuse it.
    () => connection.destroy(),
  );
}

interface Pending {
  text: string;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * `Send` on one transaction's connection: what is sent in one turn goes out as one multi-statement
 * query. `settled` waits for every batch sent so far and throws if any failed, so that the commit
 * never follows a half-applied batch and the rollback never precedes one still on its way.
 */
function sameTurnBatches(connection: PoolConnection) {
  let pending: Pending[] = [];
  let sent: Promise<void> = Promise.resolve();
  let failure: unknown;
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const [answer] = await connection.query(batch.map((item) => item.text).join(';\n'));
      // One statement answers its result; several answer one result each, in order.
      const results = (batch.length === 1 ? [answer] : answer) as unknown[];
      batch.forEach((item, index) => item.resolve(results[index]));
    } catch (error) {
      failure ??= error;
      for (const item of batch) item.reject(error);
    }
  };
  const send: Send = <Result>({ sql, params }: Query) =>
    new Promise<Result>((resolve, reject) => {
      if (ended) {
        reject(new Error('send() after the transaction ended: await every statement inside the work.'));
        return;
      }
      if (pending.length === 0) {
        const previous = sent;
        sent = new Promise<void>((done) => queueMicrotask(() => void previous.then(flush).then(done)));
      }
      pending.push({ text: connection.format(sql, params), resolve: resolve as (result: unknown) => void, reject });
    });
  let ended = false;
  const settled = async () => {
    await sent;
    // From here on the transaction is ending: a statement sent now would run in the next one.
    ended = true;
    if (failure !== undefined) throw failure;
  };
  return { send, settled };
}
