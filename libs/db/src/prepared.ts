import { fillPlaceholders, type Query } from 'drizzle-orm';
import type { Database } from './client.js';

interface PreparedStatement<Result> {
  execute(values: Record<string, unknown>): Promise<Result>;
}

/**
 * A statement on the pool whose SQL text Drizzle builds once, then runs with new values given to its
 * `sql.placeholder`s. Building the text costs about as much CPU as the driver's whole round trip, so
 * the hot reads outside transactions are built this way.
 */
export function prepared<Values extends object, Result>(
  build: (db: Database) => PreparedStatement<Result>,
): (db: Database, values: Values) => Promise<Result> {
  const statements = new WeakMap<Database, PreparedStatement<Result>>();
  return (db, values) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement.execute(values as Record<string, unknown>);
  };
}

/**
 * A statement for `batchedTransaction`: Drizzle builds its text once, and each call binds new values
 * to its `sql.placeholder`s.
 */
export function boundStatement<Values extends object>(
  build: (db: Database) => { toSQL(): Query },
): (db: Database, values: Values) => Query {
  let built: Query | undefined;
  return (db, values) => {
    built ??= build(db).toSQL();
    return { sql: built.sql, params: fillPlaceholders(built.params, values as Record<string, unknown>) };
  };
}
