import type { ResultSetHeader } from 'mysql2/promise';

/** MySQL has no RETURNING: a conditional write tells whether it won by the rows it changed. */
export const affectedRows = (result: unknown): number => (result as [ResultSetHeader, ...unknown[]])[0].affectedRows;

/** The first id an insert generated, from what Drizzle's insert resolves to (mysql2's [header, fields]). */
export const insertId = (result: unknown): number => Number((result as [ResultSetHeader, ...unknown[]])[0].insertId);
