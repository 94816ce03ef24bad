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
