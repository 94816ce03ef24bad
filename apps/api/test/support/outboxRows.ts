import { domainEventEnvelope, type DomainEventEnvelope } from '@concert/contract';
import { schema, type Database } from '@concert/db';
import { asc } from 'drizzle-orm';

/**
 * Every event of the outbox in the relay's order, as consumers receive it, each checked against the
 * contract's schema (so a payload the domain and the contract disagree on fails here).
 */
export async function outboxEvents(db: Database): Promise<DomainEventEnvelope[]> {
  const rows = await db.select().from(schema.outboxEvent).orderBy(asc(schema.outboxEvent.seq));
  return rows.map((row) =>
    domainEventEnvelope.parse({
      id: row.id,
      type: row.type,
      schemaVersion: row.schemaVersion,
      aggregateType: row.aggregateType,
      aggregateId: row.aggregateId,
      occurredAt: row.occurredAt.toISOString(),
      // MariaDB's JSON is text; MySQL's arrives parsed.
      data: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    }),
  );
}

/** The types and data of the events, without their ids and times. */
export const typesAndData = (events: DomainEventEnvelope[]) => events.map(({ type, data }) => ({ type, data }));
