import type { EventEnvelope } from '../domainEvents/eventEnvelope.js';

export interface WebhookEndpoint {
  id: number;
  url: string;
  eventTypes: string[];
  status: 'ENABLED' | 'DISABLED';
  disabledReason: string | null;
  createdAt: Date;
}

/** The secrets a delivery is signed with now: the current one, and the previous one while it lasts. */
export type SigningSecrets = [string, ...string[]];

/** A delivery claimed for an attempt, with what the attempt needs. */
export interface DueDelivery {
  id: number;
  endpointId: number;
  url: string;
  secrets: SigningSecrets;
  eventId: string;
  body: string;
  /** Attempts made before this one. */
  attempts: number;
}

export interface DeliveryRecord {
  id: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
  lastAttempt?: AttemptRecord;
}

export interface AttemptRecord {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  attemptedAt: Date;
}

/** What one POST came to. */
export interface AttemptResult {
  /** The HTTP status, or null when there was no answer. */
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed, in a few words: timeout, refused address, redirect, connection error. */
  error: string | null;
}

/** What an attempt decided for its delivery. */
export type AttemptVerdict =
  | { status: 'DELIVERED' }
  | { status: 'PENDING'; nextAttemptAt: Date }
  | { status: 'FAILED'; disableEndpoint?: string };

/** Endpoints, deliveries and attempts (MySQL in production). */
export interface WebhookStore {
  addEndpoint(endpoint: { url: string; eventTypes: string[]; secret: string; now: Date }): Promise<WebhookEndpoint>;
  endpoints(): Promise<WebhookEndpoint[]>;
  /** False when there is no such endpoint. */
  disableEndpoint(endpointId: number, reason: string): Promise<boolean>;
  /** Sets a new secret; the old one keeps signing (beside it) until `previousUntil`. False when there is no such endpoint. */
  rotateSecret(endpointId: number, secret: string, previousUntil: Date): Promise<boolean>;
  /**
   * A delivery of each event to each enabled endpoint subscribed to its type, due now. An event an
   * endpoint already has a delivery of adds nothing, so feeding an event twice is harmless.
   */
  addDeliveries(events: readonly EventEnvelope[], now: Date): Promise<number>;
  /**
   * Claims up to `limit` due deliveries, at most one per endpoint and none of `busyEndpoints`,
   * oldest first, and leases each until `leaseUntil` so no other dispatcher takes it meanwhile.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number, busyEndpoints: ReadonlySet<number>): Promise<DueDelivery[]>;
  /** Logs the attempt and applies its verdict, in one transaction. */
  recordAttempt(delivery: DueDelivery, result: AttemptResult, verdict: AttemptVerdict, now: Date): Promise<void>;
  /** An endpoint's deliveries, newest first, each with its last attempt. */
  deliveriesOf(endpointId: number, limit: number): Promise<DeliveryRecord[]>;
  attemptsOf(deliveryId: number): Promise<AttemptRecord[]>;
  /** Sends the event's deliveries (to one endpoint, or all) again from the start, whatever their status; answers how many. */
  replayEvent(eventId: string, now: Date, endpointId?: number): Promise<number>;
  /** Sends again every FAILED delivery (of one endpoint, or all) created since `since`; answers how many. */
  replayFailedSince(since: Date, now: Date, endpointId?: number): Promise<number>;
}

/** POSTs a signed body (undici in production); never throws for an endpoint's failure, only reports it. */
export interface WebhookSender {
  send(delivery: DueDelivery, sentAt: Date): Promise<AttemptResult>;
}

/** Domain events as the dispatcher reads them (the Redis stream, through a consumer group). */
export interface EventFeed {
  /** The next events not yet handed to this group (waiting up to `blockMs` for some). */
  read(count: number, blockMs: number): Promise<{ ack: () => Promise<void>; events: EventEnvelope[] }>;
}
