import { bigint, char, index, json, mysqlTable, smallint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { instant, reference } from './columns.js';

/**
 * The transactional outbox: each domain event, written in the transaction of the change it reports
 * (docs/events.md), then relayed to the Redis stream and marked published; pruned after
 * OUTBOX_RETENTION_HOURS.
 */
export const outboxEvent = mysqlTable(
  'outbox_event',
  {
    /**
     * The relay's order. Taken at insert, after the change's conditional write has locked its row, so
     * the events of one aggregate are numbered in the order they happened.
     */
    seq: bigint('seq', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    /** The event's id for consumers (a ULID). */
    id: char('id', { length: 26 }).notNull(),
    type: varchar('type', { length: 64 }).notNull(),
    aggregateType: varchar('aggregate_type', { length: 32 }).notNull(),
    aggregateId: reference('aggregate_id').notNull(),
    schemaVersion: smallint('schema_version', { unsigned: true }).notNull(),
    occurredAt: instant('occurred_at').notNull(),
    payload: json('payload').notNull(),
    publishedAt: instant('published_at'),
  },
  (table) => [
    uniqueIndex('outbox_event_id_uq').on(table.id),
    // The relay's claim (published_at IS NULL ORDER BY seq), the backlog metrics, and the prune
    // (published_at < cutoff).
    index('outbox_event_published_idx').on(table.publishedAt, table.seq),
  ],
);
