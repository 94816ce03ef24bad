import { dbWebhookStore } from '@concert/db';
import { addWebhookEndpoint, manualClock, systemClock } from '@concert/domain';
import { eventStreamKey, redisEventFeed } from '@concert/redis';
import { uniqueUserId } from '@concert/testing';
import { newWebhookSecret } from '@concert/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { relayUntilDrained } from '../support/relayFixture.js';
import { walletCalls } from '../support/walletCalls.js';
import { startDispatcher } from '../support/webhookFixture.js';
import { startReceiver } from '../support/webhookReceiver.js';

describe('a dispatcher that dies after reading events, before turning them into deliveries', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;
  beforeAll(async () => {
    f = await bookingFixture({}, clock, { seats: 1, price: 1_000 });
  });
  afterAll(() => f.t.destroy());

  it('leaves them pending in the group, and another dispatcher takes them over and delivers them', async () => {
    const options = { keyPrefix: f.t.redis.keyPrefix, group: 'webhooks', blockMs: 100, reclaimAfterMs: 300 };
    const dying = await redisEventFeed(f.t.redis.redis, { ...options, consumer: 'dying' });
    const receiver = await startReceiver();
    const admin = { store: dbWebhookStore(f.t.database.db), secrets: { newSecret: newWebhookSecret }, clock: systemClock };
    await addWebhookEndpoint({ ctx: admin, input: { url: receiver.url, eventTypes: ['wallet.charged'] } });
    const userId = uniqueUserId();
    await walletCalls(f.t.app).charge(userId, { amount: 1_000 });
    await relayUntilDrained(f.t.services.relay);

    const read = await dying.read(10, 100);
    expect(read.events.map((event) => event.data)).toEqual([{ userId, amount: 1_000, balance: 1_000 }]);
    await dying.close(); // never acknowledged, never fanned out

    const alive = await startDispatcher(f.t, { consumer: 'alive' });
    const [received] = await receiver.receivedAtLeast(1);
    expect(received?.headers['webhook-id']).toBe(read.events[0]?.id);
    await alive.stop();
    // Taken over, fanned out and acknowledged: nothing is left pending in the group.
    const [pending] = (await f.t.redis.redis.xpending(eventStreamKey(f.t.redis.keyPrefix), 'webhooks')) as [number];
    expect(pending).toBe(0);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });
});
