import { sql, type SQL } from 'drizzle-orm';
import type { ResultSetHeader } from 'mysql2/promise';

/**
 * MySQL has no UPDATE ... RETURNING. Its documented stand-in is `LAST_INSERT_ID(expr)`: the value
 * is written as usual and also becomes the statement's insert id, which the server sends back in
 * the write's own answer. So a conditional write can report what it wrote without a second read.
 */
export const returningValue = (expr: SQL) => sql`LAST_INSERT_ID(${expr})`;

/**
 * The value a write marked with `returningValue` wrote to its one row, or undefined when it matched
 * no row (the insert id then still holds an older statement's value, so it means nothing).
 */
export function returnedValue(header: ResultSetHeader): number | undefined {
  if (header.affectedRows === 0) return undefined;
  if (header.affectedRows !== 1) throw new Error(`A write meant for one row changed ${header.affectedRows}.`);
  return Number(header.insertId);
}
