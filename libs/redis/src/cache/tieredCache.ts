import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A ready answer: the serialised body, its ETag, and when it stops being true. */
export interface CachedBody {
  body: string;
  etag: string;
  /** Epoch ms after which the answer may be wrong (e.g. a booking window opens or closes). */
  validUntil: number;
}

export interface Loaded {
  body: string;
  /** Epoch ms; omitted means "until invalidated" (bounded by the Redis TTL). */
  validUntil?: number;
}

export type CacheOutcome = 'memory_hit' | 'redis_hit' | 'miss' | 'redis_unavailable';

export interface TieredCacheOptions {
  redis: Redis;
  /** Every key and the invalidation channel start with it; one hash tag keeps them on one slot. */
  namespace: string;
  /** The in-process layer: short, so a missed invalidation message still heals within this bound. */
  memoryTtlMs?: number;
  redisTtlSeconds?: number;
  now?: () => number;
  onOutcome?: (outcome: CacheOutcome) => void;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Cache-aside in two layers: process memory in front of Redis, Redis in front of the loader.
 * One load per key at a time per process; Redis trouble falls back to the loader instead of failing.
 * Invalidation deletes the Redis keys and tells every process (pub/sub) to drop its memory copy.
 */
export class TieredCache {
  private readonly memory = new Map<string, CachedBody & { storedAt: number }>();
  private readonly inFlight = new Map<string, Promise<CachedBody>>();
  private readonly memoryTtlMs: number;
  private readonly redisTtlSeconds: number;
  private readonly now: () => number;
  private subscriber: Redis | undefined;

  constructor(private readonly options: TieredCacheOptions) {
    this.memoryTtlMs = options.memoryTtlMs ?? 1_000;
    this.redisTtlSeconds = options.redisTtlSeconds ?? 300;
    this.now = options.now ?? Date.now;
  }

  private redisKey(key: string) {
    return `${this.options.namespace}:${key}`;
  }

  private get channel() {
    return `${this.options.namespace}:invalidate`;
  }

  /** The answer for `key`, loaded at most once at a time in this process. */
  get(key: string, load: () => Promise<Loaded>): Promise<CachedBody> {
    const now = this.now();
    const remembered = this.memory.get(key);
    if (remembered && now - remembered.storedAt < this.memoryTtlMs && now < remembered.validUntil) {
      this.options.onOutcome?.('memory_hit');
      return Promise.resolve(remembered);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const loading = this.fill(key, load).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  private async fill(key: string, load: () => Promise<Loaded>): Promise<CachedBody> {
    let redisUp = true;
    try {
      const stored = await this.options.redis.get(this.redisKey(key));
      if (stored) {
        const entry = JSON.parse(stored) as CachedBody;
        if (this.now() < entry.validUntil) {
          this.options.onOutcome?.('redis_hit');
          return this.remember(key, entry);
        }
      }
    } catch {
      redisUp = false;
    }
    this.options.onOutcome?.(redisUp ? 'miss' : 'redis_unavailable');
    const loaded = await load();
    const maxValid = this.now() + this.redisTtlSeconds * 1_000;
    const entry: CachedBody = {
      body: loaded.body,
      etag: etagOf(loaded.body),
      validUntil: Math.min(loaded.validUntil ?? maxValid, maxValid),
    };
    const ttlMs = entry.validUntil - this.now();
    if (redisUp && ttlMs > 0) {
      // Best effort: an answer that could not be stored is still a right answer.
      await this.options.redis.set(this.redisKey(key), JSON.stringify(entry), 'PX', ttlMs).catch(() => undefined);
    }
    return this.remember(key, entry);
  }

  /** Returns the stored object itself, so callers may memoise per entry (e.g. its gzip bytes). */
  private remember(key: string, entry: CachedBody): CachedBody {
    const stored = { ...entry, storedAt: this.now() };
    this.memory.set(key, stored);
    return stored;
  }

  /** Drops keys everywhere: in Redis at once, in every process's memory through pub/sub. */
  async invalidate(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const key of keys) this.memory.delete(key);
    await this.options.redis.del(...keys.map((key) => this.redisKey(key)));
    await this.options.redis.publish(this.channel, JSON.stringify(keys));
  }

  /** Listens for other processes' invalidations. Needs its own connection (a subscriber can do nothing else). */
  async listen(): Promise<void> {
    const subscriber = this.options.redis.duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    subscriber.on('message', (_channel: string, message: string) => {
      for (const key of JSON.parse(message) as string[]) this.memory.delete(key);
    });
    // ioredis resubscribes after a reconnect; memory TTL covers messages lost meanwhile.
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
