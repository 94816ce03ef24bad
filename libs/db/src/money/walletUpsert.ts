import { sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { boundStatement, prepared } from '../prepared.js';
import { wallet } from '../schema/index.js';

// Changes nothing on an existing wallet (updated_at is kept too, or drizzle would stamp it); two
// first charges racing both end with the one row.
const walletUpsertOf = (db: Queryable) =>
  db
    .insert(wallet)
    .values({ userId: sql.placeholder('userId'), balance: 0 })
    .onDuplicateKeyUpdate({ set: { userId: sql`${wallet.userId}`, updatedAt: sql`${wallet.updatedAt}` } });

/** Creates a user's empty wallet if missing, on its own. */
export const walletUpsert = prepared<{ userId: number }, unknown>((db) => walletUpsertOf(db).prepare());

/** The same upsert, as one statement of a batch. */
export const walletUpsertStatement = boundStatement<{ userId: number }>(walletUpsertOf);
