import { loadConfig, type Config } from '@concert/config';
import { createDatabase, type DatabaseHandle } from '@concert/db';
import { catalogInvalidator, connectRedis, type CatalogInvalidator, type Redis } from '@concert/redis';

/** What commands share: the same config and environment as the API. Connections open on first use. */
export class CliContext {
  private databaseHandle: DatabaseHandle | undefined;
  private redisConnection: Promise<Redis> | undefined;

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
  redis(): Promise<Redis> {
    this.redisConnection ??= connectRedis(this.config.redis.url);
    return this.redisConnection;
  }

  /** What a command that writes concerts or events calls after its write, so no API process serves the old catalog. */
  async catalogInvalidator(): Promise<CatalogInvalidator> {
    return catalogInvalidator(await this.redis(), this.config.redis.keyPrefix);
  }

  async close(): Promise<void> {
    const redis = await this.redisConnection?.catch(() => undefined);
    redis?.disconnect();
    await this.databaseHandle?.close();
  }
}
