import { dbOutboxStore, writeEvents, type Database } from '@concert/db';
import { newEvent, relayEvents, systemClock, type EventStream, type RelayContext } from '@concert/domain';
import { eventStreamKey, redisEventStream, type RedisClient } from '@concert/redis';

/**
 * `count` wallet.charged events over `wallets` wallets (the aggregates), written 100 per INSERT; a
 * wallet's events carry increasing amounts, so their order on the stream can be checked.
 */
export async function writeChargedEvents(db: Database, count: number, wallets: number): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const events = Array.from({ length: Math.min(100, count - start) }, (_, offset) => {
      const n = start + offset;
      return newEvent('wallet.charged', { userId: n % wallets, amount: n + 1, balance: n + 1 }, new Date());
    });
    await writeEvents(db, events);
  }
}

export interface StreamedEvent {
  id: string;
  type: string;
  aggregateId: number;
  data: { amount: number };
}

/** Every entry of the stream, oldest first, as consumers parse them. */
export async function streamedEvents(redis: RedisClient, keyPrefix: string): Promise<StreamedEvent[]> {
  const entries = await redis.xrange(eventStreamKey(keyPrefix), '-', '+');
  return entries.map(([, fields]) => {
    const event = fields[fields.indexOf('event') + 1] as string;
    return JSON.parse(event) as StreamedEvent;
  });
}

/** A relay's ports on its own database handle (another process's pool) and a stream under `keyPrefix`. */
export function relayContext(db: Database, redis: RedisClient, keyPrefix: string, options: { lockRows?: boolean; wrap?: (stream: EventStream) => EventStream } = {}): RelayContext {
  const stream = redisEventStream(redis, { keyPrefix, maxLength: 10_000_000 });
  return { outbox: dbOutboxStore(db, { lockRows: options.lockRows }), stream: options.wrap ? options.wrap(stream) : stream, clock: systemClock };
}

/** Relay passes until the outbox has nothing left to publish. */
export async function relayUntilDrained(ctx: RelayContext, batch = 100): Promise<void> {
  while ((await ctx.outbox.backlog()).unpublished > 0) {
    await relayEvents({ ctx, input: { batch, maxBatches: 1_000, retentionMs: 86_400_000 } });
  }
}

/** How many times each id was published. */
export function timesPublished(events: StreamedEvent[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const event of events) times.set(event.id, (times.get(event.id) ?? 0) + 1);
  return times;
}
