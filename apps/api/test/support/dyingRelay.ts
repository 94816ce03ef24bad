/**
 * A relay process that appends one batch to the stream, says so on stdout, and then hangs before
 * its transaction marks the batch published: the test kills it there (SIGKILL), as a crash would.
 * Environment: DATABASE_URL, REDIS_URL or REDIS_CLUSTER_NODES, KEY_PREFIX, BATCH.
 */
import { createDatabase } from '@concert/db';
import { connectRedis } from '@concert/redis';
import { testRedisTarget } from '@concert/testing';
import { relayContext } from './relayFixture.js';

const env = (name: string) => process.env[name] ?? '';
const database = createDatabase(env('DATABASE_URL'), 2);
const redis = await connectRedis(testRedisTarget());
const ctx = relayContext(database.db, redis, env('KEY_PREFIX'), {
  wrap: (stream) => ({
    async append(entries) {
      await stream.append(entries);
      process.stdout.write(`appended ${entries.length}\n`);
      await new Promise(() => undefined);
    },
  }),
});
await ctx.outbox.relayBatch(Number(env('BATCH')), (entries) => ctx.stream.append(entries));
