import type { WriteResult } from './client.js';

/** The result header of what Drizzle's insert, update, delete and execute resolve to (mysql2's [header, fields]). */
export const resultHeader = (result: unknown): WriteResult => (result as [WriteResult, ...unknown[]])[0];

/** MySQL has no RETURNING: a conditional write tells whether it won by the rows it changed. */
export const affectedRows = (result: unknown): number => resultHeader(result).affectedRows;
