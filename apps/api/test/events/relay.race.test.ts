import { createDatabase, type DatabaseHandle } from '@concert/db';
import { relayEvents, type EventStream } from '@concert/domain';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@concert/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { barrier } from '../support/barrier.js';
import {
  relayContext,
  relayUntilDrained,
  streamedEvents,
  timesPublished,
  writeChargedEvents,
  type StreamedEvent,
} from '../support/relayFixture.js';

const EVENTS = 2_000;

describe('two relays at once (two pools, as two processes) publish each event once, in order per aggregate', () => {
  let database: TestDatabase;
  let other: DatabaseHandle;
  let redis: TestRedis;

  beforeAll(async () => {
    database = await createTestDatabase();
    other = createDatabase(database.url, 5);
    redis = await createTestRedis();
  });
  afterAll(async () => {
    await other.close();
    await Promise.allSettled([database.destroy(), redis.destroy()]);
  });
  beforeEach(async () => {
    await database.db.execute(sql`DELETE FROM outbox_event`);
  });

  /**
   * Both relays drain the outbox at once. With `together`, both are inside their first batch before
   * either publishes (their first batches must then hold different aggregates, or one would wait).
   */
  async function raceRelays(keyPrefix: string, { lockRows, together }: { lockRows: boolean; together: boolean }) {
    const bothClaimed = together ? barrier(2) : async () => undefined;
    const waitOnce = (stream: EventStream): EventStream => {
      let first = true;
      return {
        async append(entries) {
          if (first) {
            first = false;
            await bothClaimed();
          }
          await stream.append(entries);
        },
      };
    };
    await Promise.all(
      [database.db, other.db].map((db) => relayUntilDrained(relayContext(db, redis.redis, keyPrefix, { lockRows, wrap: waitOnce }))),
    );
    return streamedEvents(redis.redis, keyPrefix);
  }

  const publishedOnce = (streamed: StreamedEvent[]) => {
    const times = timesPublished(streamed);
    expect(times.size).toBe(EVENTS);
    expect([...times.values()].filter((n) => n !== 1)).toEqual([]);
  };

  it('with SKIP LOCKED, both inside a batch at once: every event exactly once', async () => {
    await writeChargedEvents(database.db, EVENTS, 1_000);
    publishedOnce(await raceRelays(`${redis.keyPrefix}-guarded`, { lockRows: true, together: true }));
  });

  it('with SKIP LOCKED, ten wallets shared by every batch: exactly once, each wallet\'s events in the order they were written', async () => {
    await writeChargedEvents(database.db, EVENTS, 10);
    const streamed = await raceRelays(`${redis.keyPrefix}-ordered`, { lockRows: true, together: false });
    publishedOnce(streamed);
    for (let wallet = 0; wallet < 10; wallet++) {
      const amounts = streamed.filter((event) => event.aggregateId === wallet).map((event) => event.data.amount);
      expect(amounts).toHaveLength(EVENTS / 10);
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    }
  });

  it('control: claims that neither lock nor skip publish the same events twice', async () => {
    await writeChargedEvents(database.db, EVENTS, 1_000);
    const times = timesPublished(await raceRelays(`${redis.keyPrefix}-control`, { lockRows: false, together: true }));
    expect(times.size).toBe(EVENTS);
    expect([...times.values()].some((n) => n > 1)).toBe(true);
  });

  it('prunes published events once past the retention, and never an unpublished one', async () => {
    await writeChargedEvents(database.db, 300, 10);
    const ctx = relayContext(database.db, redis.redis, `${redis.keyPrefix}-prune`);
    expect(await relayEvents({ ctx, input: { batch: 100, maxBatches: 2, retentionMs: 60_000 } })).toEqual({ published: 200, pruned: 0 });
    expect(await relayEvents({ ctx, input: { batch: 100, maxBatches: 0, retentionMs: 0 } })).toEqual({ published: 0, pruned: 200 });
    expect(await ctx.outbox.backlog()).toMatchObject({ unpublished: 100 });
  });
});
