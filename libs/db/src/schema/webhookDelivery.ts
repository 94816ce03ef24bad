import { char, index, int, mediumtext, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, reference } from './columns.js';

/**
 * One event to deliver to one endpoint, until a 2xx answer (DELIVERED) or the last retry (FAILED).
 * The body is kept so that retries and replays send the same bytes after the stream has moved on.
 */
export const webhookDelivery = mysqlTable(
  'webhook_delivery',
  {
    id: id(),
    endpointId: reference('endpoint_id').notNull(),
    /** The event's id, sent as `webhook-id`, the same on every attempt. */
    eventId: char('event_id', { length: 26 }).notNull(),
    eventType: varchar('event_type', { length: 64 }).notNull(),
    body: mediumtext('body').notNull(),
    status: varchar('status', { length: 16, enum: ['PENDING', 'DELIVERED', 'FAILED'] }).notNull(),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    /** When it is due; while an attempt runs, the end of that attempt's lease. */
    nextAttemptAt: instant('next_attempt_at').notNull(),
    createdAt: instant('created_at').notNull(),
    deliveredAt: instant('delivered_at'),
  },
  (table) => [
    // One delivery per event and endpoint: the stream's redeliveries to the dispatcher add nothing.
    uniqueIndex('webhook_delivery_endpoint_event_uq').on(table.endpointId, table.eventId),
    // The dispatcher's claim: status = 'PENDING' AND next_attempt_at <= now, oldest first.
    index('webhook_delivery_due_idx').on(table.status, table.nextAttemptAt),
    // Replays by event id; `concertctl webhooks deliveries <endpoint>`, newest first.
    index('webhook_delivery_event_idx').on(table.eventId),
    index('webhook_delivery_endpoint_idx').on(table.endpointId, table.id),
  ],
);
