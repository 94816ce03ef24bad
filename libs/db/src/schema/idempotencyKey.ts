import { index, int, json, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import { instant, reference } from './columns.js';

/**
 * The stored answer of a request sent with an Idempotency-Key, per user and route, so a retry
 * gets the first answer instead of a second charge.
 */
export const idempotencyKey = mysqlTable(
  'idempotency_key',
  {
    userId: reference('user_id').notNull(),
    route: varchar('route', { length: 64 }).notNull(),
    key: varchar('idempotency_key', { length: 255 }).notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: varchar('request_hash', { length: 64 }).notNull(),
    statusCode: int('status_code').notNull(),
    responseBody: json('response_body').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.route, table.key] }),
    // The purge of keys older than their TTL.
    index('idempotency_key_expires_idx').on(table.expiresAt),
  ],
);
