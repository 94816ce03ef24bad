export {
  AGGREGATE_OF,
  EVENT_SCHEMA_VERSION,
  EVENT_TYPES,
  type AggregateType,
  type DomainEvent,
  type EventPayloads,
  type EventType,
} from './domainEvent.js';
export { newEvent } from './newEvent.js';
export type { EventStream, OutboxEntry, OutboxStore } from './relayPorts.js';
export { relayEvents, type RelayContext, type RelaySettings } from './relayEvents.js';
export { eventEnvelope, type EventEnvelope } from './eventEnvelope.js';
