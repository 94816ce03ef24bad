/** An event as the outbox stores it, ready to relay. */
export interface OutboxEntry {
  /** The event's id (a ULID): consumers dedupe by it. */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: number;
  schemaVersion: number;
  occurredAt: Date;
  payload: unknown;
}

/** The outbox table as the relay sees it (MySQL in production). */
export interface OutboxStore {
  /**
   * In one transaction: claims up to `limit` of the oldest unpublished events that no other relay
   * holds (never waiting for one), hands them to `publish` in the order they were written, and marks
   * them published once it resolves. An event whose aggregate has an older event another relay
   * holds is left for a later pass, so each aggregate's events are published in order. If `publish`
   * throws, nothing is marked. Answers how many it published.
   */
  relayBatch(limit: number, publish: (entries: readonly OutboxEntry[]) => Promise<void>): Promise<number>;
  /** Unpublished events, and when the oldest of them happened. */
  backlog(): Promise<{ unpublished: number; oldestOccurredAt: Date | undefined }>;
  /** Deletes up to `limit` events published before `before`; answers how many. */
  prune(before: Date, limit: number): Promise<number>;
}

/** Where relayed events go (a Redis stream in production): appended in the order given. */
export interface EventStream {
  append(entries: readonly OutboxEntry[]): Promise<void>;
}
