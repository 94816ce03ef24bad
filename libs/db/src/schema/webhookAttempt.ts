import { index, int, mysqlTable, smallint, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, reference } from './columns.js';

/** One POST of a delivery: what the endpoint answered (or why there was no answer) and how long it took. */
export const webhookAttempt = mysqlTable(
  'webhook_attempt',
  {
    id: id(),
    deliveryId: reference('delivery_id').notNull(),
    /** The HTTP status; null when no answer came (timeout, refused connection, refused address). */
    statusCode: smallint('status_code', { unsigned: true }),
    latencyMs: int('latency_ms', { unsigned: true }).notNull(),
    error: varchar('error', { length: 500 }),
    attemptedAt: instant('attempted_at').notNull(),
  },
  // A delivery's attempts, in order (`concertctl webhooks deliveries`).
  (table) => [index('webhook_attempt_delivery_idx').on(table.deliveryId)],
);
