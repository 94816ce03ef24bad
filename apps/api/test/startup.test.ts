import { pino } from 'pino';
import { createTestDatabase, testConfig } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { connectDeps } from '../src/server.js';

const logger = pino({ level: 'silent' });

// Port 1 on loopback: nothing listens there, so the connection is refused at once.
describe('start-up without its services', () => {
  it('names the MySQL URL that failed and how to start it', async () => {
    const config = testConfig({ DATABASE_URL: 'mysql://root:secret@127.0.0.1:1/concert' });
    await expect(connectDeps(config, logger)).rejects.toThrow(
      /Cannot reach MySQL at mysql:\/\/root:\*\*\*@127\.0\.0\.1:1\/concert \(ECONNREFUSED\)\. Start MariaDB or MySQL with `npm run up`/,
    );
  });

  it('names the Redis URL that failed and how to start it', async () => {
    // A database of its own: MySQL must be reachable for the failure to be Redis's.
    const database = await createTestDatabase();
    try {
      const config = testConfig({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' });
      await expect(connectDeps(config, logger)).rejects.toThrow(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)\..*`npm run up`/);
    } finally {
      await database.destroy();
    }
  });
});
