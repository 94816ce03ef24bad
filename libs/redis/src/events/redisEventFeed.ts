import type { EventEnvelope, EventFeed } from '@concert/domain';
import type { Redis } from 'ioredis';
import { eventStreamKey } from './redisEventStream.js';

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

export interface EventFeedOptions {
  keyPrefix: string;
  /** The consumer group: every dispatcher shares one, so each event is handed to one of them. */
  group: string;
  /** This dispatcher's name in the group: a restart under the same name first takes back what it left unacknowledged. */
  consumer: string;
  /** The longest a read waits for new events. */
  blockMs: number;
}

/**
 * The event stream read through a consumer group. The group is created at the stream's end when
 * missing, so it hands out the events relayed from then on. Reads block, so the feed has its own
 * connection (a blocked command would hold up every other on a shared one).
 */
export async function redisEventFeed(redis: Redis, options: EventFeedOptions): Promise<EventFeed & { close(): Promise<void> }> {
  const key = eventStreamKey(options.keyPrefix);
  const reader = redis.duplicate({ enableAutoPipelining: false, commandTimeout: options.blockMs + 5_000 });
  await reader.connect().catch(() => undefined);
  await reader.xgroup('CREATE', key, options.group, '$', 'MKSTREAM').catch((error: Error) => {
    if (!error.message.startsWith('BUSYGROUP')) throw error;
  });
  // '0': this consumer's entries read before but never acknowledged (a crash); then '>': new ones.
  let from = '0';
  return {
    async read(count, blockMs) {
      const reply = (await reader.xreadgroup(
        'GROUP', options.group, options.consumer, 'COUNT', count, 'BLOCK', Math.min(blockMs, options.blockMs), 'STREAMS', key, from,
      )) as StreamReply;
      const entries = reply?.[0]?.[1] ?? [];
      if (from === '0' && entries.length === 0) from = '>';
      const events = entries.flatMap(([, fields]) => {
        const at = fields.indexOf('event');
        return at >= 0 && fields[at + 1] ? [JSON.parse(fields[at + 1] as string) as EventEnvelope] : [];
      });
      const ids = entries.map(([id]) => id);
      return { events, ack: async () => void (ids.length > 0 && (await reader.xack(key, options.group, ...ids))) };
    },
    close: async () => void (await reader.quit()),
  };
}
