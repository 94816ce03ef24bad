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

describe('start-up with its services', () => {
  it('opens every pooled MySQL connection before it serves, so the first requests find them open', async () => {
    const database = await createTestDatabase();
    try {
      const deps = await connectDeps(testConfig({ DATABASE_URL: database.url, DB_POOL_SIZE: '6' }), logger);
      try {
        const metrics = await deps.metrics.registry.metrics();
        // Half of the six for single statements; the other half, for transactions, is opened too.
        expect(metrics).toContain('mysql_pool_connections{state="open"} 3');
        const [rows] = await deps.database.pool.query(
          'SELECT COUNT(*) AS connections FROM information_schema.processlist WHERE db = DATABASE()',
        );
        expect(Number((rows as Array<{ connections: number }>)[0]?.connections)).toBe(6);
      } finally {
        await Promise.allSettled([deps.database.close(), deps.redis.quit()]);
      }
    } finally {
      await database.destroy();
    }
  });
});
