import { loadConfig, type Config } from '@concert/config';
import { createDatabase, type DatabaseHandle } from '@concert/db';
import { connectRedis, type Redis } from '@concert/redis';

/** What commands share: the same config and environment as the API. Connections open on first use. */
export class CliContext {
  private databaseHandle: DatabaseHandle | undefined;
  private redisClient: Redis | undefined;

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
  async redis(): Promise<Redis> {
    this.redisClient ??= await connectRedis(this.config.redis.url);
    return this.redisClient;
  }

  async close(): Promise<void> {
    this.redisClient?.disconnect();
    await this.databaseHandle?.close();
  }
}
