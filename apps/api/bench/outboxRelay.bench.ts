/**
 * Outbox relay benchmark: how fast relays drain a backlog of domain events into the Redis stream.
 * EVENTS wallet.charged events over 5,000 wallets are written to a fresh database, then drained by
 * one relay, then (written again) by two relays on two pools at once, as two API processes would,
 * in batches of OUTBOX_RELAY_BATCH's default (500). Prints events per second; asserts nothing.
 * Run: npm run bench:outbox -w @concert/api [-- events]
 */
import { createDatabase, dbOutboxStore, writeEvents, type Database } from '@concert/db';
import { newEvent, relayEvents, systemClock, type RelayContext } from '@concert/domain';
import { redisEventStream } from '@concert/redis';
import { createTestDatabase, createTestRedis } from '@concert/testing';
import { sql } from 'drizzle-orm';

const [events = 50_000] = process.argv.slice(2).map(Number);
const BATCH = 500;

async function writeBacklog(db: Database) {
  for (let start = 0; start < events; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, events - start) }, (_, offset) =>
      newEvent('wallet.charged', { userId: (start + offset) % 5_000, amount: 1, balance: start + offset }, new Date()),
    );
    await writeEvents(db, batch);
  }
}

async function drain(relays: RelayContext[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    relays.map(async (ctx) => {
      while ((await ctx.outbox.backlog()).unpublished > 0) {
        await relayEvents({ ctx, input: { batch: BATCH, maxBatches: 20, retentionMs: 86_400_000 } });
      }
    }),
  );
  return (performance.now() - started) / 1_000;
}

const database = await createTestDatabase(10);
const second = createDatabase(database.url, 10);
const redis = await createTestRedis();
const relayOn = (db: Database, name: string): RelayContext => ({
  outbox: dbOutboxStore(db),
  stream: redisEventStream(redis.redis, { keyPrefix: `${redis.keyPrefix}-${name}`, maxLength: 1_000_000 }),
  clock: systemClock,
});
try {
  for (const [name, relays] of [
    ['one relay', [relayOn(database.db, 'one')]],
    ['two relays', [relayOn(database.db, 'two'), relayOn(second.db, 'two')]],
  ] as const) {
    await database.db.execute(sql`DELETE FROM outbox_event`);
    await writeBacklog(database.db);
    const seconds = await drain([...relays]);
    console.log(`${name}: ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s`);
  }
} finally {
  await second.close();
  await Promise.allSettled([database.destroy(), redis.destroy()]);
}
