import { DomainError, type SeatChange, type SeatChangeFeed, type SequencedSeatChange } from '@concert/domain';
import { ReplyError } from 'ioredis';
import { duplicateOf, isClusterSettling, type RedisClient } from '../client.js';
import { seatFeedKeys } from './seatFeedKeys.js';
import { PUBLISH, READ_LOG } from './seatFeedScripts.js';

export interface SeatFeedOptions {
  keyPrefix: string;
  /** Changes kept per event for reconnecting watchers. */
  logLength: number;
  /** How long an event's sequence and log outlive its last change (default a week). */
  ttlSeconds?: number;
  /** How often publishing the resync of events whose changes were lost is tried again. */
  retryMs?: number;
  /** Told of a change that could not be published (it is then resynced). */
  onPublishError?: (error: unknown, change: SeatChange) => void;
}

const WEEK_SECONDS = 7 * 24 * 3_600;

/** Told to every listener when this process may have missed changes: its subscriber connection dropped. */
const LOCAL_RESYNC: SequencedSeatChange = { sequence: Number.MAX_SAFE_INTEGER, kind: 'resync' };

type Listener = (change: SequencedSeatChange) => void;

/** Redis out of reach, or a cluster settling, is an outage a watcher can only wait out (503); any other error Redis replied with stays a failure. */
async function reachable<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (error instanceof ReplyError && !isClusterSettling(error)) throw error;
    throw new DomainError('seat_feed_unavailable', 'The live seat map is unavailable for a moment. Please retry shortly.');
  }
}

/**
 * The seat feed on Redis pub/sub (docs/adr/0013). A change is numbered, logged and published by one
 * script. Each process holds ONE subscriber connection, subscribed to the channel of every event it
 * has watchers of, and fans each message out to them. A change whose publish fails (Redis out of
 * reach after the commit) is not retried itself: its event gets a `resync` entry as soon as Redis
 * answers again, which sends its watchers to a fresh seat map.
 */
export class RedisSeatChangeFeed implements SeatChangeFeed {
  private subscriber: Promise<RedisClient> | undefined;
  private readonly channels = new Map<string, { listeners: Set<Listener>; ready: Promise<unknown> }>();
  private readonly lost = new Set<number>();
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: SeatFeedOptions,
  ) {}

  async publish(change: SeatChange): Promise<void> {
    const body = { kind: 'change', seatIds: [...change.seatIds], state: change.state };
    try {
      await this.send(change.concertEventId, body);
    } catch (error) {
      this.options.onPublishError?.(error, change);
      this.lost.add(change.concertEventId);
      this.retryTimer ??= setInterval(() => void this.resyncLost(), this.options.retryMs ?? 1_000).unref();
    }
  }

  async subscribe(concertEventId: number, listener: Listener) {
    const { channel } = seatFeedKeys(this.options.keyPrefix, concertEventId);
    const subscriber = await reachable(this.subscriberConnection());
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { listeners: new Set(), ready: subscriber.subscribe(channel) };
      this.channels.set(channel, entry);
    }
    const { listeners, ready } = entry;
    listeners.add(listener);
    try {
      await reachable(ready);
    } catch (error) {
      this.drop(channel, listener);
      throw error;
    }
    return () => this.drop(channel, listener);
  }

  async lastSequence(concertEventId: number): Promise<number> {
    return Number((await reachable(this.redis.get(seatFeedKeys(this.options.keyPrefix, concertEventId).sequence))) ?? 0);
  }

  async changesSince(concertEventId: number, sequence: number): Promise<SequencedSeatChange[] | undefined> {
    const keys = seatFeedKeys(this.options.keyPrefix, concertEventId);
    const [lastText, log] = (await reachable(READ_LOG(this.redis, [keys.sequence, keys.log], []))) as [string, string[]];
    const last = Number(lastText);
    // Ahead of the feed: the watcher's number is not one of this feed's (another Redis, a clock set back).
    if (sequence > last) return undefined;
    const kept = log.map((message) => JSON.parse(message) as SequencedSeatChange);
    const first = kept[0]?.sequence ?? last + 1;
    if (sequence + 1 < first) return undefined;
    return kept.filter((change) => change.sequence > sequence);
  }

  /** Stops the subscriber connection and the resync retries. */
  close(): void {
    clearInterval(this.retryTimer);
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    void subscriber?.then((connection) => connection.disconnect(), () => undefined);
  }

  private async send(concertEventId: number, body: object): Promise<void> {
    const keys = seatFeedKeys(this.options.keyPrefix, concertEventId);
    const json = JSON.stringify(body).slice(1);
    await PUBLISH(this.redis, [keys.sequence, keys.log], [keys.channel, json, this.options.logLength, this.options.ttlSeconds ?? WEEK_SECONDS]);
  }

  private async resyncLost(): Promise<void> {
    for (const concertEventId of [...this.lost]) {
      try {
        await this.send(concertEventId, { kind: 'resync' });
        this.lost.delete(concertEventId);
      } catch {
        return; // still out of reach: the next turn tries again
      }
    }
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  private drop(channel: string, listener: Listener): void {
    const entry = this.channels.get(channel);
    if (!entry?.listeners.delete(listener) || entry.listeners.size > 0) return;
    this.channels.delete(channel);
    void this.subscriber?.then((connection) => connection.unsubscribe(channel)).catch(() => undefined);
  }

  private subscriberConnection(): Promise<RedisClient> {
    this.subscriber ??= this.connectSubscriber();
    return this.subscriber;
  }

  private async connectSubscriber(): Promise<RedisClient> {
    // A subscribed connection can do nothing else: one more per process, whatever the watchers.
    const subscriber = duplicateOf(this.redis);
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => this.fanOut(channel, message));
    // Messages sent while it was away are lost to this process: its watchers start again (ioredis resubscribes).
    subscriber.on('close', () => {
      for (const { listeners } of this.channels.values()) for (const listener of listeners) listener(LOCAL_RESYNC);
    });
    try {
      await subscriber.connect();
    } catch (error) {
      this.subscriber = undefined;
      subscriber.disconnect();
      throw error;
    }
    return subscriber;
  }

  private fanOut(channel: string, message: string): void {
    const listeners = this.channels.get(channel)?.listeners;
    if (!listeners) return;
    const change = JSON.parse(message) as SequencedSeatChange;
    for (const listener of listeners) listener(change);
  }
}
