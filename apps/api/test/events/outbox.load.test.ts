import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import pLimit from 'p-limit';
import { pino } from 'pino';
import { Counter } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxRelay } from '../../src/jobs/outboxRelay.js';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { queueCalls } from '../support/queueCalls.js';
import { streamedEvents, timesPublished } from '../support/relayFixture.js';
import { walletCalls } from '../support/walletCalls.js';

const BUYERS = 200;

describe('purchases under load produce exactly their events, each on the stream once, while the relay runs', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    f = await bookingFixture({ RATE_LIMIT_ENABLED: 'false', QUEUE_ADMISSIONS_PER_SECOND: '10000' }, clock, { seats: BUYERS, price: 1_000 });
  });
  afterAll(() => f.t.destroy());

  it(`${BUYERS} buyers, 20 at a time, each buying one seat: four events each and one sold out`, async () => {
    const published = new Counter({ name: 'published', help: 'test', registers: [] });
    const relay = startOutboxRelay(f.t.services.relay, { intervalMs: 50, batch: 100, streamMaxLength: 100_000, retentionMs: 3_600_000 }, published, pino({ level: 'silent' }));
    const buy = async (seatId: number) => {
      const userId = uniqueUserId();
      const money = walletCalls(f.t.app);
      await money.charge(userId, { amount: 1_000 });
      const token = (await queueCalls(f.t.app).enter(userId)).body.data?.token as string;
      const hold = await f.api.occupy(token, f.event.id, { seatId });
      const reserved = await f.api.reserve(token, f.event.id, { occupationId: hold.data?.id });
      return (await money.pay(token, { reservationId: reserved.data?.id })).status;
    };
    const limit = pLimit(20);
    const statuses = await Promise.all(f.event.seats.map((seat) => limit(() => buy(seat.id))));
    expect(statuses.filter((status) => status === 200)).toHaveLength(BUYERS);

    // The relay drains what is left once the load stops.
    while ((await f.t.services.relay.outbox.backlog()).unpublished > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await relay.stop();
    const streamed = await streamedEvents(f.t.redis.redis, f.t.redis.keyPrefix);
    const times = timesPublished(streamed);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
    const perType = new Map<string, number>();
    for (const event of streamed) perType.set(event.type, (perType.get(event.type) ?? 0) + 1);
    expect(Object.fromEntries(perType)).toEqual({
      'wallet.charged': BUYERS,
      'hold.placed': BUYERS,
      'reservation.created': BUYERS,
      'payment.completed': BUYERS,
      'concert_event.sold_out': 1,
    });
  });
});
