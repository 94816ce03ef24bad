/**
 * MySQL has no RETURNING: a conditional write tells whether it won by the rows it changed. Reads
 * that count from what Drizzle's update, delete and execute resolve to (mysql2's [header, fields]).
 */
export const affectedRows = (result: unknown): number =>
  (result as [{ affectedRows: number }, ...unknown[]])[0].affectedRows;
