import type { OutboxEntry } from './relayPorts.js';

/** An event as consumers read it, on the stream and in a webhook's body (docs/events.md). */
export interface EventEnvelope {
  id: string;
  type: string;
  schemaVersion: number;
  aggregateType: string;
  aggregateId: number;
  /** ISO-8601, UTC. */
  occurredAt: string;
  data: unknown;
}

export const eventEnvelope = (entry: OutboxEntry): EventEnvelope => ({
  id: entry.id,
  type: entry.type,
  schemaVersion: entry.schemaVersion,
  aggregateType: entry.aggregateType,
  aggregateId: entry.aggregateId,
  occurredAt: entry.occurredAt.toISOString(),
  data: entry.payload,
});
