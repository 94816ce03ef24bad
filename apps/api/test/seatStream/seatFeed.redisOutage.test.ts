import { type SequencedSeatChange } from '@concert/domain';
import { connectRedis, RedisSeatChangeFeed, type RedisClient } from '@concert/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateRedis } from '../support/privateRedis.js';
import { until } from '../support/seatStreams.js';

describe('the seat feed when Redis goes away and comes back empty', () => {
  let server: Awaited<ReturnType<typeof privateRedis>>;
  let redis: RedisClient;
  let feed: RedisSeatChangeFeed;
  const failures: number[] = [];
  beforeAll(async () => {
    server = await privateRedis();
    redis = await connectRedis(server.url);
    feed = new RedisSeatChangeFeed(redis, {
      keyPrefix: 'outage',
      logLength: 100,
      ttlSeconds: 600,
      retryMs: 50,
      onPublishError: (_error, change) => failures.push(change.concertEventId),
    });
  });
  afterAll(async () => {
    feed?.close();
    redis?.disconnect();
    await server?.stop();
  });

  it('tells its watchers to start again, keeps a change it could not publish from being silently lost, and numbers on above what watchers kept', async () => {
    const heard: SequencedSeatChange[] = [];
    const unsubscribe = await feed.subscribe(7, (change) => heard.push(change));
    await feed.publish({ concertEventId: 7, seatIds: [1], state: 'held' });
    await until(() => heard.length === 1, 'the first change');
    const kept = heard[0]?.sequence ?? 0;

    await server.stop();
    // The subscriber's connection dropped: changes may be missed from now on, so watchers start again.
    await until(() => heard.some((change) => change.kind === 'resync'), 'a resync for the lost connection');
    // Committed while Redis is away: the publish fails without throwing, and is counted.
    await expect(feed.publish({ concertEventId: 7, seatIds: [1], state: 'available' })).resolves.toBeUndefined();
    expect(failures).toEqual([7]);

    await server.start();
    // Once Redis answers, the event's lost change becomes a resync entry in its (new) log.
    await until(async () => (await feed.lastSequence(7).catch(() => 0)) > 0, 'the resync entry');
    const last = await feed.lastSequence(7);
    expect(await feed.changesSince(7, last - 1)).toEqual([{ sequence: last, kind: 'resync' }]);
    // Numbers start again above what a watcher kept, so its resume gets a fresh snapshot, not a wrong replay.
    expect(await feed.lastSequence(7)).toBeGreaterThan(kept);
    expect(await feed.changesSince(7, kept)).toBeUndefined();
    unsubscribe();
  });
});
