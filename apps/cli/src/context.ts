import { loadConfig, type Config } from '@concert/config';
import { createDatabase, type DatabaseHandle } from '@concert/db';

/** What commands share: the same config and environment as the API. Connections open on first use. */
export class CliContext {
  private databaseHandle: DatabaseHandle | undefined;

  constructor(readonly config: Config = loadConfig()) {}

  async database(): Promise<DatabaseHandle> {
    if (!this.databaseHandle) {
      const handle = createDatabase(this.config.db.url, 4);
      this.databaseHandle = handle;
      await handle.ping();
    }
    return this.databaseHandle;
  }

  async close(): Promise<void> {
    await this.databaseHandle?.close();
  }
}
