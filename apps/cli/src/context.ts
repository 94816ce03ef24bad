import { loadConfig, type Config } from '@concert/config';
import { createDatabase, type DatabaseHandle } from '@concert/db';
import { noSeatChangeFeed, type SeatChangeFeed } from '@concert/domain';
import { catalogInvalidator, connectRedis, RedisSeatChangeFeed, type CatalogInvalidator, type RedisClient } from '@concert/redis';

/** What commands share: the same config and environment as the API. Connections open on first use. */
export class CliContext {
  private databaseHandle: DatabaseHandle | undefined;
  private redisConnection: Promise<RedisClient> | undefined;

  constructor(readonly config: Config = loadConfig()) {}

  async database(): Promise<DatabaseHandle> {
    if (!this.databaseHandle) {
      const handle = createDatabase(this.config.db.url, 4);
      this.databaseHandle = handle;
      await handle.ping();
    }
    return this.databaseHandle;
  }

  /** Keys are under config.redis.keyPrefix (REDIS_KEY_PREFIX), as the API's. */
  redis(): Promise<RedisClient> {
    this.redisConnection ??= connectRedis(this.config.redis);
    return this.redisConnection;
  }

  /** What a command that writes concerts or events calls after its write, so no API process serves the old catalog. */
  async catalogInvalidator(): Promise<CatalogInvalidator> {
    return catalogInvalidator(await this.redis(), this.config.redis.keyPrefix);
  }

  /**
   * The live seat feed, so that seats a command puts back on sale reach the API's seat maps at once.
   * Without Redis there is none: the command still runs, and watchers see those seats at their next
   * snapshot.
   */
  async seatFeed(): Promise<SeatChangeFeed> {
    const redis = await this.redis().catch(() => undefined);
    if (!redis) {
      console.error('Redis is out of reach: live seat maps will show these seats at their next snapshot.');
      return noSeatChangeFeed;
    }
    return new RedisSeatChangeFeed(redis, {
      keyPrefix: this.config.redis.keyPrefix,
      logLength: this.config.seatStream.logLength,
      onPublishError: () => console.error('A seat change was not published: live seat maps will show it at their next snapshot.'),
    });
  }

  async close(): Promise<void> {
    const redis = await this.redisConnection?.catch(() => undefined);
    redis?.disconnect();
    await this.databaseHandle?.close();
  }
}
