import type { OutboxEntry, OutboxStore } from '@concert/domain';
import { and, asc, count, inArray, isNull, lt, min, sql } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import { withTransaction, type Queryable } from '../client.js';
import { outboxEvent } from '../schema/index.js';
import { serverTime } from '../schema/columns.js';

const entryColumns = {
  seq: outboxEvent.seq,
  id: outboxEvent.id,
  type: outboxEvent.type,
  aggregateType: outboxEvent.aggregateType,
  aggregateId: outboxEvent.aggregateId,
  schemaVersion: outboxEvent.schemaVersion,
  occurredAt: outboxEvent.occurredAt,
  payload: outboxEvent.payload,
};

const aggregateOf = (row: { aggregateType: string; aggregateId: number }) => `${row.aggregateType}:${row.aggregateId}`;

export interface OutboxStoreOptions {
  /** False only in the race test's control: claims then neither lock nor skip, so relays collide. */
  lockRows?: boolean;
}

/**
 * The relay's side of the outbox on MySQL 8 or MariaDB 10.6+ (both have SKIP LOCKED). Every query
 * here is served by outbox_event_published_idx (published_at, seq).
 */
export function dbOutboxStore(db: Queryable, { lockRows = true }: OutboxStoreOptions = {}): OutboxStore {
  return {
    relayBatch: (limit, publish) =>
      withTransaction(db, async (tx) => {
        // Rows another relay holds are skipped, never waited for: relays in every process share the work.
        const oldest = tx.select(entryColumns).from(outboxEvent).where(isNull(outboxEvent.publishedAt)).orderBy(asc(outboxEvent.seq)).limit(limit);
        const claimed = await (lockRows ? oldest.for('update', { skipLocked: true }) : oldest);
        const last = claimed.at(-1);
        if (!last) return 0;
        // Older unpublished rows outside this batch are another relay's (locked, so skipped). An
        // aggregate with one of those waits: its later events go out after it, in a later pass.
        const mine = new Set(claimed.map((row) => row.seq));
        const others = await tx
          .select({ seq: outboxEvent.seq, aggregateType: outboxEvent.aggregateType, aggregateId: outboxEvent.aggregateId })
          .from(outboxEvent)
          .where(and(isNull(outboxEvent.publishedAt), lt(outboxEvent.seq, last.seq)));
        const firstHeldElsewhere = new Map<string, number>();
        for (const row of others) {
          const key = aggregateOf(row);
          if (!mine.has(row.seq) && row.seq < (firstHeldElsewhere.get(key) ?? Infinity)) firstHeldElsewhere.set(key, row.seq);
        }
        const ready = claimed.filter((row) => row.seq < (firstHeldElsewhere.get(aggregateOf(row)) ?? Infinity));
        if (ready.length === 0) return 0;
        await publish(ready.map(toEntry));
        await tx
          .update(outboxEvent)
          .set({ publishedAt: serverTime })
          .where(inArray(outboxEvent.seq, ready.map((row) => row.seq)));
        return ready.length;
      }),

    async backlog() {
      const [row] = await db
        .select({ unpublished: count(), oldest: min(outboxEvent.occurredAt) })
        .from(outboxEvent)
        .where(isNull(outboxEvent.publishedAt));
      return { unpublished: row?.unpublished ?? 0, oldestOccurredAt: row?.oldest ?? undefined };
    },

    async prune(before, limit) {
      // Oldest first, a bounded number per statement: a long backlog of old rows never becomes one long lock.
      const deleted = await db.execute(
        sql`DELETE FROM ${outboxEvent} WHERE ${outboxEvent.publishedAt} < ${before} ORDER BY ${outboxEvent.publishedAt} LIMIT ${limit}`,
      );
      return affectedRows(deleted);
    },
  };
}

/** MariaDB hands JSON columns back as text, MySQL as parsed values. */
function toEntry({ id, type, aggregateType, aggregateId, schemaVersion, occurredAt, payload }: Omit<typeof outboxEvent.$inferSelect, 'publishedAt'>): OutboxEntry {
  return { id, type, aggregateType, aggregateId, schemaVersion, occurredAt, payload: typeof payload === 'string' ? JSON.parse(payload) : payload };
}
