import { fillPlaceholders, type Query } from 'drizzle-orm';
import type { Queryable } from './client.js';

interface PreparedStatement<Result> {
  execute(values: Record<string, unknown>): Promise<Result>;
}

/**
 * A statement whose SQL text drizzle builds once per query builder (the pool's, or a transaction
 * connection's: client.ts keeps one per connection), then runs with new values given to its
 * `sql.placeholder`s. Building the text costs about as much CPU as the driver's whole round trip
 * (docs/benchmarks.md, "Purchase cost"), so the statements of a purchase are built this way.
 */
export function prepared<Values extends object, Result>(
  build: (db: Queryable) => PreparedStatement<Result>,
): (db: Queryable, values: Values) => Promise<Result> {
  const statements = new WeakMap<Queryable, PreparedStatement<Result>>();
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
 * A write for a transaction's `send` or `atCommit` (client.ts): its SQL text is built once (it is
 * the same on every connection), and each call binds new values to its `sql.placeholder`s.
 */
export function boundStatement<Values extends object>(
  build: (db: Queryable) => { toSQL(): Query },
): (tx: Queryable, values: Values) => Query {
  let built: Query | undefined;
  return (tx, values) => {
    built ??= build(tx).toSQL();
    return { sql: built.sql, params: fillPlaceholders(built.params, values as Record<string, unknown>) };
  };
}
