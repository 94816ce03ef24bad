import { dbBookingContext, schema } from '@concert/db';
import { holdSeats, manualClock, reserveHold, type SequencedSeatChange } from '@concert/domain';
import { RedisSeatChangeFeed } from '@concert/redis';
import { createConcert, createEventWithSeats, createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

interface ListedHold {
  id: number;
  userId: number;
  seatNumbers: string;
  expiresInSeconds: number;
}

describe('concertctl holds', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  beforeAll(async () => {
    database = await createTestDatabase(4);
    redis = await createTestRedis();
  });
  afterAll(() => Promise.all([database.destroy(), redis.destroy()]));
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: database.url, REDIS_KEY_PREFIX: redis.keyPrefix });

  /** Three holds through the domain: user 1 with seats 1-2 (1 min left), user 2 seat 3 (4 min), user 3 seat 4 (reserved). */
  async function eventWithHolds() {
    const now = Date.now();
    const event = await createEventWithSeats(database.db, (await createConcert(database.db)).id, { seats: 6 });
    const rules = { holdTtlSeconds: 300, maxSeatsPerUser: 4, paymentWindowSeconds: 0, seatClaimMs: 0 };
    const at = (ms: number) => dbBookingContext(database, manualClock(new Date(ms)), rules);
    const seatIds = event.seats.map((seat) => seat.id);
    const hold = (ms: number, userId: number, seats: number[]) =>
      holdSeats({ ctx: at(ms), input: { userId, concertEventId: event.id, seatIds: seats } });
    const soon = await hold(now - 240_000, 1, seatIds.slice(0, 2));
    const later = await hold(now - 60_000, 2, seatIds.slice(2, 3));
    const reserved = await hold(now, 3, seatIds.slice(3, 4));
    await reserveHold({ ctx: at(now), input: { userId: 3, concertEventId: event.id, occupationId: reserved.id } });
    const seatAvailable = async (index: number) => {
      const [seat] = await database.db.select().from(schema.seat).where(eq(schema.seat.id, seatIds[index] ?? 0));
      return seat?.isAvailable;
    };
    return { event, soon, later, reserved, seatAvailable };
  }

  const list = async (...filters: string[]) => {
    const result = await cli('holds', 'list', ...filters, '--json');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as ListedHold[];
  };

  it('lists who holds which seats, filtered by user and by time left', async () => {
    const { event, soon, later } = await eventWithHolds();
    const all = await list('--event', String(event.id));
    expect(all.map((hold) => [hold.id, hold.userId, hold.seatNumbers])).toEqual([
      [soon.id, 1, '1, 2'],
      [later.id, 2, '3'],
    ]);
    expect(all[0]?.expiresInSeconds).toBeLessThanOrEqual(60);
    expect((await list('--event', String(event.id), '--user', '2')).map((hold) => hold.id)).toEqual([later.id]);
    expect((await list('--event', String(event.id), '--expiring-within', '2m')).map((hold) => hold.id)).toEqual([soon.id]);
    const table = await cli('holds', 'list', '--event', String(event.id));
    expect(table.stdout).toContain('expires in (s)');
  });

  it('refuses to release without --yes when nobody can confirm, and changes nothing', async () => {
    const { event, soon, seatAvailable } = await eventWithHolds();
    const refused = await cli('holds', 'release', String(soon.id));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --yes');
    expect(await seatAvailable(0)).toBe(false);
    expect((await list('--event', String(event.id))).map((hold) => hold.id)).toContain(soon.id);
  });

  it('releases a hold with --yes: its seats go back on sale, once, and the live seat maps are told', async () => {
    const { event, soon, seatAvailable } = await eventWithHolds();
    const feed = new RedisSeatChangeFeed(redis.redis, { keyPrefix: redis.keyPrefix, logLength: 10 });
    const heard: SequencedSeatChange[] = [];
    const unsubscribe = await feed.subscribe(event.id, (change) => heard.push(change));
    const released = await cli('holds', 'release', String(soon.id), '--yes');
    expect(released.code).toBe(0);
    expect(released.stdout).toContain(`Released hold ${soon.id} of user 1: seats 1, 2 are on sale again.`);
    expect([await seatAvailable(0), await seatAvailable(1)]).toEqual([true, true]);
    // Published before the command ended: in the log at once, on the channel a moment later.
    const [logged] = (await feed.changesSince(event.id, (await feed.lastSequence(event.id)) - 1)) ?? [];
    expect(logged).toMatchObject({ kind: 'change', seatIds: soon.seats.map((seat) => seat.seatId), state: 'available' });
    for (let wait = 0; heard.length === 0 && wait < 100; wait += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual([logged]);
    unsubscribe();
    feed.close();
    expect((await list('--event', String(event.id))).map((hold) => hold.id)).not.toContain(soon.id);

    const again = await cli('holds', 'release', String(soon.id), '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Hold ${soon.id} is no longer active (EXPIRED)`);
  });

  it('does not release a hold that became a reservation, nor a missing one', async () => {
    const { reserved, seatAvailable } = await eventWithHolds();
    const refused = await cli('holds', 'release', String(reserved.id), '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no longer active (RELEASED)');
    expect(await seatAvailable(3)).toBe(false);
    const missing = await cli('holds', 'release', '99999999', '--yes');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('Hold 99999999 does not exist.');
  });

  it('refuses to list the holds of an event that does not exist', async () => {
    const missing = await cli('holds', 'list', '--event', '99999999');
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('Concert event 99999999 does not exist.');
  });

  it('rejects a malformed event id and duration, naming the option', async () => {
    const badEvent = await cli('holds', 'list', '--event', 'x');
    expect(badEvent.code).toBe(1);
    expect(badEvent.stderr).toContain("option '--event <id>' argument 'x' is invalid");
    const badDuration = await cli('holds', 'list', '--event', '1', '--expiring-within', 'soon');
    expect(badDuration.code).toBe(1);
    expect(badDuration.stderr).toContain('--expiring-within');
  });
});
