import { eventEnvelope, type EventStream } from '@concert/domain';
import type { RedisClient } from '../client.js';

/**
 * The one stream every relay appends to and consumers read with a consumer group (docs/events.md).
 * Its own hash tag: a script or MULTI that names the stream with another `{events}` key stays in
 * one slot on Redis Cluster.
 */
export const eventStreamKey = (keyPrefix: string) => `${keyPrefix}:{events}:stream`;

/**
 * Appends each event as one entry: `id` and `type` to filter on without parsing, `event` the whole
 * envelope as JSON. The stream is capped near `maxLength` entries (XADD MAXLEN ~: Redis trims whole
 * nodes, so it may hold a few more), oldest first.
 */
export function redisEventStream(redis: RedisClient, { keyPrefix, maxLength }: { keyPrefix: string; maxLength: number }): EventStream {
  const key = eventStreamKey(keyPrefix);
  return {
    async append(entries) {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      for (const entry of entries) {
        pipeline.xadd(key, 'MAXLEN', '~', maxLength, '*', 'id', entry.id, 'type', entry.type, 'event', JSON.stringify(eventEnvelope(entry)));
      }
      const results = (await pipeline.exec()) ?? [];
      // Any append that failed fails the batch: the relay then marks none, and all go again.
      const failed = results.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
      if (results.length !== entries.length) throw new Error(`The stream answered ${results.length} of ${entries.length} appends.`);
    },
  };
}
