import { sql } from 'drizzle-orm';
import { bigint, datetime } from 'drizzle-orm/mysql-core';

/** Every id is an unsigned BIGINT, read as a JS number (ids stay far below 2^53). */
export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

export const reference = (name: string) => bigint(name, { mode: 'number', unsigned: true });

/** Money in the smallest currency unit. A JS number is exact up to 2^53, far above any balance we allow. */
export const money = (name: string) => bigint(name, { mode: 'number' });

/** A UTC instant with millisecond precision (the connection's time zone is pinned to UTC). */
export const instant = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

/**
 * The server's clock, at the precision of every instant column, for the defaults below and for
 * statements that must write it themselves: Drizzle's INSERT ... SELECT names every column, so the
 * columns' own defaults never apply there.
 */
export const serverTime = sql`CURRENT_TIMESTAMP(3)`;

export const lifecycleDates = {
  createdAt: instant('created_at').notNull().default(serverTime),
  // The server's clock, as for created_at: an expression, so a prepared UPDATE (prepared.ts), whose
  // values are fixed when it is built, still stamps each run with its own time.
  updatedAt: instant('updated_at')
    .notNull()
    .default(serverTime)
    .$onUpdate(() => serverTime),
};
