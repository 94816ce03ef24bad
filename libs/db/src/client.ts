import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createPool, type Pool, type PoolOptions } from 'mysql2/promise';
import * as schema from './schema/index.js';
import { describeDatabaseFailure } from './errors.js';

export type Database = MySql2Database<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  pool: Pool;
  /** Resolves when a query round-trips; throws a message naming the URL when it does not. */
  ping(): Promise<void>;
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
  };
}

export function createDatabase(url: string, poolSize = 10): DatabaseHandle {
  const pool = createPool(poolOptions(url, poolSize));
  // CURRENT_TIMESTAMP defaults and NOW() must be UTC too.
  pool.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  const db = drizzle({ client: pool, schema, mode: 'default' });
  return {
    db,
    pool,
    async ping() {
      try {
        await pool.query('SELECT 1');
      } catch (error) {
        throw describeDatabaseFailure(url, error);
      }
    },
    close: () => pool.end(),
  };
}
