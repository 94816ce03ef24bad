import type { EventEnvelope, EventFeed } from '@concert/domain';
import { Cluster } from 'ioredis';
import type { RedisClient } from '../client.js';
import { eventStreamKey } from './redisEventStream.js';

type Entry = [id: string, fields: string[] | null];
type StreamReply = [key: string, entries: Entry[]][] | null;
type PendingEntry = [id: string, consumer: string, idleMs: number, deliveries: number];

export interface EventFeedOptions {
  keyPrefix: string;
  /** The consumer group: every dispatcher shares one, so each event is handed to one of them. */
  group: string;
  /** This dispatcher's name in the group: a restart under the same name first takes back what it left unacknowledged. */
  consumer: string;
  /** The longest a read waits for new events. */
  blockMs: number;
  /**
   * Entries another consumer read and left unacknowledged this long are taken over: that
   * dispatcher died (or hangs), and nobody else would ever hand its events out.
   */
  reclaimAfterMs: number;
}

/**
 * The event stream read through a consumer group. The group is created at the stream's end when
 * missing, so it hands out the events relayed from then on. Reads block, so the feed has its own
 * connection (a blocked command would hold up every other on a shared one).
 */
export async function redisEventFeed(redis: RedisClient, options: EventFeedOptions): Promise<EventFeed & { close(): Promise<void> }> {
  const key = eventStreamKey(options.keyPrefix);
  const commandTimeout = options.blockMs + 5_000;
  const reader =
    redis instanceof Cluster
      ? redis.duplicate(undefined, { enableAutoPipelining: false, redisOptions: { ...redis.options.redisOptions, commandTimeout } })
      : redis.duplicate({ enableAutoPipelining: false, commandTimeout });
  await reader.connect().catch(() => undefined);
  await reader.xgroup('CREATE', key, options.group, '$', 'MKSTREAM').catch((error: Error) => {
    if (!error.message.startsWith('BUSYGROUP')) throw error;
  });
  const batchOf = (entries: Entry[]) => {
    const events = entries.flatMap(([, fields]) => {
      const at = fields?.indexOf('event') ?? -1;
      return fields && at >= 0 && fields[at + 1] ? [JSON.parse(fields[at + 1] as string) as EventEnvelope] : [];
    });
    const ids = entries.map(([id]) => id);
    return { events, ack: async () => void (ids.length > 0 && (await reader.xack(key, options.group, ...ids))) };
  };

  // XPENDING and XCLAIM rather than XAUTOCLAIM, which needs Redis 6.2.
  let reclaimedAt = 0;
  const reclaim = async (count: number): Promise<Entry[]> => {
    if (Date.now() - reclaimedAt < options.reclaimAfterMs / 2) return [];
    reclaimedAt = Date.now();
    const pending = (await reader.xpending(key, options.group, '-', '+', count)) as PendingEntry[];
    const stale = pending.filter(([, owner, idleMs]) => owner !== options.consumer && idleMs >= options.reclaimAfterMs).map(([id]) => id);
    if (stale.length === 0) return [];
    return (await reader.call('XCLAIM', key, options.group, options.consumer, options.reclaimAfterMs, ...stale)) as Entry[];
  };

  const readGroup = async (count: number, from: '0' | '>', blockMs = 0): Promise<Entry[]> => {
    const { group, consumer } = options;
    // '0' reads this consumer's own pending entries, which never blocks; '>' waits up to blockMs for new ones.
    const reply = (await (from === '0'
      ? reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', key, from)
      : reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', key, from))) as StreamReply;
    return reply?.[0]?.[1] ?? [];
  };

  // First this consumer's entries read before but never acknowledged (a crash), until none is left.
  let ownPendingLeft = true;
  return {
    async read(count, blockMs) {
      if (ownPendingLeft) {
        const own = await readGroup(count, '0');
        if (own.length > 0) return batchOf(own);
        ownPendingLeft = false;
      }
      const reclaimed = await reclaim(count);
      if (reclaimed.length > 0) return batchOf(reclaimed);
      return batchOf(await readGroup(count, '>', Math.min(blockMs, options.blockMs)));
    },
    close: async () => void (await reader.quit()),
  };
}
