import { createHash } from 'node:crypto';
import { duplicateOf, type RedisClient } from '../client.js';
import { luaScript } from '../luaScript.js';

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

/** What a route needs of a cache of ready answers; TieredCache, or a pass-through when caching is off. */
export interface BodyCache {
  get(key: string, load: () => Promise<Loaded>): Promise<CachedBody>;
  /** The answer for `key` if this process holds it fresh in memory, without waiting on anything. */
  peek(key: string): CachedBody | undefined;
}

export interface TieredCacheOptions {
  redis: RedisClient;
  /** Every key and the invalidation channel start with it; one hash tag keeps them on one slot. */
  namespace: string;
  /** The in-process layer: short, so a missed invalidation message still heals within this bound. */
  memoryTtlMs?: number;
  redisTtlSeconds?: number;
  now?: () => number;
  onOutcome?: (outcome: CacheOutcome) => void;
  /** Called once per loader run (a miss, or Redis unavailable), for load metrics. */
  onLoad?: () => void;
}

/** An entry as stored in Redis: the answer plus the namespace version it was loaded under. */
interface StoredEntry extends CachedBody {
  version: string;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Stores the entry only if nothing was invalidated since its load began: a load that read MySQL
 * before a write must not put its stale answer back after that write's invalidation.
 * KEYS: entry, version. ARGV: entry JSON, version seen at load start, TTL ms.
 */
const storeIfCurrent = luaScript(`
if (redis.call('GET', KEYS[2]) or '0') == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
end
return 1
`);

/**
 * Cache-aside in two layers: process memory in front of Redis, Redis in front of the loader.
 * One load per key at a time per process; Redis trouble falls back to the loader instead of failing.
 * Invalidation drops the whole namespace: it bumps a version key (entries of older versions are
 * ignored, then expire) and tells every process (pub/sub) to drop its memory. A writer never has to
 * know which keys its change touched (new ids, a concert's events, an id that did not exist yet).
 */
export class TieredCache implements BodyCache {
  private readonly memory = new Map<string, CachedBody & { storedAt: number }>();
  private readonly inFlight = new Map<string, Promise<CachedBody>>();
  private readonly memoryTtlMs: number;
  private readonly redisTtlSeconds: number;
  private readonly now: () => number;
  /** Bumped on every invalidation this process hears of: a load begun before one is not remembered. */
  private generation = 0;
  private subscriber: RedisClient | undefined;

  constructor(private readonly options: TieredCacheOptions) {
    this.memoryTtlMs = options.memoryTtlMs ?? 1_000;
    this.redisTtlSeconds = options.redisTtlSeconds ?? 300;
    this.now = options.now ?? Date.now;
  }

  private redisKey(key: string) {
    return `${this.options.namespace}:${key}`;
  }

  private get versionKey() {
    return `${this.options.namespace}:version`;
  }

  private get channel() {
    return `${this.options.namespace}:invalidate`;
  }

  /** The answer for `key` if process memory holds it fresh (counted as a memory hit), else undefined. */
  peek(key: string): CachedBody | undefined {
    const now = this.now();
    const remembered = this.memory.get(key);
    if (!remembered || now - remembered.storedAt >= this.memoryTtlMs || now >= remembered.validUntil) return undefined;
    this.options.onOutcome?.('memory_hit');
    return remembered;
  }

  /** The answer for `key`, loaded at most once at a time in this process. */
  get(key: string, load: () => Promise<Loaded>): Promise<CachedBody> {
    const remembered = this.peek(key);
    if (remembered) return Promise.resolve(remembered);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const loading = this.fill(key, load).finally(() => {
      if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
    });
    this.inFlight.set(key, loading);
    return loading;
  }

  private async fill(key: string, load: () => Promise<Loaded>): Promise<CachedBody> {
    const generation = this.generation;
    let version: string | undefined;
    try {
      const [stored, current] = await this.options.redis.mget(this.redisKey(key), this.versionKey);
      version = current ?? '0';
      if (stored) {
        const entry = JSON.parse(stored) as StoredEntry;
        if (entry.version === version && this.now() < entry.validUntil) {
          this.options.onOutcome?.('redis_hit');
          return this.remember(key, entry, generation);
        }
      }
    } catch {
      version = undefined;
    }
    this.options.onOutcome?.(version === undefined ? 'redis_unavailable' : 'miss');
    this.options.onLoad?.();
    const loaded = await load();
    const maxValid = this.now() + this.redisTtlSeconds * 1_000;
    const entry: CachedBody = {
      body: loaded.body,
      etag: etagOf(loaded.body),
      validUntil: Math.min(loaded.validUntil ?? maxValid, maxValid),
    };
    const ttlMs = entry.validUntil - this.now();
    if (version !== undefined && ttlMs > 0) {
      const keys = [this.redisKey(key), this.versionKey];
      // Best effort: an answer that could not be stored is still a right answer.
      await storeIfCurrent(this.options.redis, keys, [JSON.stringify({ ...entry, version }), version, ttlMs]).catch(
        () => undefined,
      );
    }
    return this.remember(key, entry, generation);
  }

  /**
   * Returns the remembered object itself, so callers may memoise per entry (e.g. its gzip bytes).
   * Not remembered when already past its validity (nothing to serve later, and unknown ids would
   * grow the map) or when an invalidation arrived while it loaded.
   */
  private remember(key: string, entry: CachedBody, generation: number): CachedBody {
    const now = this.now();
    const stored = { body: entry.body, etag: entry.etag, validUntil: entry.validUntil, storedAt: now };
    if (generation === this.generation && now < entry.validUntil) this.memory.set(key, stored);
    return stored;
  }

  private forget() {
    this.generation += 1;
    this.memory.clear();
    // Requests from now on start a fresh load instead of joining one that may have read old rows.
    this.inFlight.clear();
  }

  /** Drops every entry of the namespace: in Redis at once, in every process's memory through pub/sub. */
  async invalidateAll(): Promise<void> {
    this.forget();
    await this.options.redis.incr(this.versionKey);
    await this.options.redis.publish(this.channel, 'all');
  }

  /** Listens for other processes' invalidations. Needs its own connection (a subscriber can do nothing else). */
  async listen(): Promise<void> {
    const subscriber = duplicateOf(this.options.redis);
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    subscriber.on('message', () => this.forget());
    // ioredis resubscribes after a reconnect; memory TTL covers messages lost meanwhile.
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }
}

/** Caching turned off (CATALOG_CACHE_ENABLED=false): every request loads, still sent with its ETag. */
export class UncachedBodies implements BodyCache {
  constructor(private readonly onLoad?: () => void) {}

  peek(): undefined {
    return undefined;
  }

  async get(_key: string, load: () => Promise<Loaded>): Promise<CachedBody> {
    this.onLoad?.();
    const loaded = await load();
    return { body: loaded.body, etag: etagOf(loaded.body), validUntil: loaded.validUntil ?? Number.POSITIVE_INFINITY };
  }
}
