import { is } from 'drizzle-orm';
import { MySqlTransaction } from 'drizzle-orm/mysql-core';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import type { Connection as CoreConnection } from 'mysql2';
import { createConnection, createPool, type Pool, type PoolOptions, type RowDataPacket } from 'mysql2/promise';
import * as schema from './schema/index.js';
import { describeDatabaseFailure } from './errors.js';

export type Database = MySql2Database<typeof schema>;

/** An open transaction: Drizzle's query builder on its one connection. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Where a statement can run: on its own (autocommit), or inside an open transaction. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  /** Drizzle on the pool: single statements commit on their own; `db.transaction` opens one. */
  db: Database;
  pool: Pool;
  /**
   * Connections that accept several statements per query, for `batchedTransaction` alone (the hold,
   * the reserve, the payment and the charge: docs/adr/0012). Nothing else may take one.
   */
  batchPool: Pool;
  /** Resolves when a query round-trips; throws a message naming the URL when it does not. */
  ping(): Promise<void>;
  /** Opens every connection of both pools now, so that a sale's first requests do not wait for them. */
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
    // the API's CPU under load. Errors are mapped and logged where they are caught, with their code.
    trace: false,
    // A connection keeps the session set up below across checkouts; a reset on release would drop it.
    resetOnRelease: false,
  };
}

/** How `poolSize` splits: half for single statements and Drizzle transactions, half for batches (one each at least). */
function poolSplit(poolSize: number) {
  const batchConnections = Math.ceil(poolSize / 2);
  return { batchConnections, plainConnections: Math.max(1, poolSize - batchConnections) };
}

/** The connections a process with this DB_POOL_SIZE opens at start (createDatabase + warm). */
export function connectionsPerProcess(poolSize: number): number {
  const { batchConnections, plainConnections } = poolSplit(poolSize);
  return batchConnections + plainConnections;
}

/** `poolSize` connections at most (two at least): half for single statements and Drizzle transactions, half for batches. */
export function createDatabase(url: string, poolSize = 10): DatabaseHandle {
  const { batchConnections, plainConnections } = poolSplit(poolSize);
  const pool = createPool(poolOptions(url, plainConnections));
  const batchPool = createPool({ ...poolOptions(url, batchConnections), multipleStatements: true });
  for (const each of [pool, batchPool]) each.pool.on('connection', setUpSession);
  const db = drizzle({ client: pool, schema, mode: 'default' });
  const selectOne = (target: Pool) => target.query('SELECT 1');
  return {
    db,
    pool,
    batchPool,
    async ping() {
      try {
        // One after the other: a server that is down fails the first before the second connects.
        await selectOne(pool);
        await selectOne(batchPool);
      } catch (error) {
        throw describeDatabaseFailure(url, error);
      }
    },
    async warm() {
      // As many at once as each pool holds, so each query needs a connection of its own. All settle
      // before a failure is reported, so that closing the pools next finds none half-open.
      const opened = await Promise.allSettled([
        ...Array.from({ length: plainConnections }, () => selectOne(pool)),
        ...Array.from({ length: batchConnections }, () => selectOne(batchPool)),
      ]);
      const failed = opened.find((outcome) => outcome.status === 'rejected');
      if (failed) throw describeDatabaseFailure(url, failed.reason);
    },
    close: async () => {
      await Promise.all([pool.end(), batchPool.end()]);
    },
  };
}

function setUpSession(connection: CoreConnection) {
  // CURRENT_TIMESTAMP defaults and NOW() must be UTC too.
  connection.query("SET time_zone = '+00:00'");
  // READ COMMITTED for every transaction, set once per connection rather than before each one (a
  // round trip per transaction). Every write of ours is a conditional UPDATE or a locking read, which
  // see the latest commit whatever the level; the hold's seat count also needs each statement to see
  // the latest commits (the count taken after the per-user lock: booking/placeHold.ts).
  connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  // mysql2 formats values into the query text and escapes them with backslashes, which this mode
  // would turn into plain characters: a value could then end its string early.
  connection.query("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
}

/**
 * Runs `work` in a transaction, or inside `outer` when the caller already has one open (so a use
 * of several stores commits once). Committed when `work` resolves, rolled back when it throws.
 */
export function withTransaction<T>(outer: Queryable, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return isTransaction(outer) ? work(outer) : outer.transaction(work);
}

const isTransaction = (db: Queryable): db is Transaction => is(db, MySqlTransaction);

/** The server's max_connections: what the pools of every process, on every machine, share. */
export async function serverConnectionLimit(url: string): Promise<number> {
  try {
    const connection = await createConnection({ uri: url, connectTimeout: 5_000 });
    try {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT @@max_connections AS max');
      return Number(rows[0]?.max);
    } finally {
      await connection.end();
    }
  } catch (error) {
    throw describeDatabaseFailure(url, error);
  }
}
