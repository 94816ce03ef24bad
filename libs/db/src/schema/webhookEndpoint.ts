import { mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, lifecycleDates } from './columns.js';

/** A receiver of webhooks, registered by an operator (`concertctl webhooks add`). */
export const webhookEndpoint = mysqlTable('webhook_endpoint', {
  id: id(),
  url: varchar('url', { length: 2000 }).notNull(),
  /** The event types it receives, comma-separated. */
  eventTypes: text('event_types').notNull(),
  /** `whsec_` and the base64 of the signing key. */
  secret: varchar('secret', { length: 200 }).notNull(),
  /** The secret before the last rotation: deliveries are signed with both until it lapses. */
  previousSecret: varchar('previous_secret', { length: 200 }),
  previousSecretUntil: instant('previous_secret_until'),
  status: varchar('status', { length: 16, enum: ['ENABLED', 'DISABLED'] }).notNull(),
  /** Why it was disabled: by an operator, or by a 410 Gone answer. */
  disabledReason: varchar('disabled_reason', { length: 500 }),
  ...lifecycleDates,
});
