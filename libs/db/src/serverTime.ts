import { sql } from 'drizzle-orm';

/**
 * The server's clock, at the precision of every instant column (schema/columns.ts), for statements
 * that must write it themselves: drizzle's INSERT ... SELECT names every column, so the columns'
 * own CURRENT_TIMESTAMP(3) defaults never apply there.
 */
export const serverTime = sql`CURRENT_TIMESTAMP(3)`;
