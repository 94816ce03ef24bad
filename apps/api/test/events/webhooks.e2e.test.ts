import { createHmac } from 'node:crypto';
import { domainEventEnvelope } from '@concert/contract';
import { manualClock, rotateWebhookSecret } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { undiciWebhookSender } from '@concert/webhooks';
import { pino } from 'pino';
import { Counter } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxRelay } from '../../src/jobs/outboxRelay.js';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { queueCalls } from '../support/queueCalls.js';
import { walletCalls } from '../support/walletCalls.js';
import { startDispatcher } from '../support/webhookFixture.js';
import { startReceiver, type ReceivedWebhook } from '../support/webhookReceiver.js';

/** Standard Webhooks verification written here from the spec, independent of the dispatcher's code. */
function verifiedBy(secret: string, { headers, body }: ReceivedWebhook): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return String(headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

describe('webhooks: the outbox, relayed to the stream, delivered signed to real HTTP receivers', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;
  let dispatcher: Awaited<ReturnType<typeof startDispatcher>>;
  let relay: { stop(): Promise<void> };

  beforeAll(async () => {
    f = await bookingFixture({}, clock, { seats: 5, price: 7_000 });
    dispatcher = await startDispatcher(f.t, { timeoutMs: 60_000 });
    const published = new Counter({ name: 'published', help: 'test', registers: [] });
    relay = startOutboxRelay(f.t.services.relay, { intervalMs: 20, batch: 100, streamMaxLength: 100_000, retentionMs: 3_600_000 }, published, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await relay.stop();
    await dispatcher.stop();
    await f.t.destroy();
  });

  it('a purchase reaches a subscribed receiver as its events, in order, each signed with the endpoint\'s secret', async () => {
    const receiver = await startReceiver();
    const { secret } = await dispatcher.add(receiver.url, ['wallet.charged', 'hold.placed', 'reservation.created', 'payment.completed']);
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const userId = uniqueUserId();
    const money = walletCalls(f.t.app);
    await money.charge(userId, { amount: 20_000 });
    const token = (await queueCalls(f.t.app).enter(userId)).body.data?.token as string;
    const hold = await f.api.occupy(token, f.event.id, { seatId: f.event.seats[0]?.id });
    const reserved = await f.api.reserve(token, f.event.id, { occupationId: hold.data?.id });
    expect((await money.pay(token, { reservationId: reserved.data?.id })).status).toBe(200);

    const received = await receiver.receivedAtLeast(4);
    expect(received.map((each) => verifiedBy(secret, each))).toEqual([true, true, true, true]);
    const events = received.map((each) => domainEventEnvelope.parse(JSON.parse(each.body)));
    expect(events.map((event) => event.type)).toEqual(['wallet.charged', 'hold.placed', 'reservation.created', 'payment.completed']);
    expect(events.map((event) => ('userId' in event.data ? event.data.userId : undefined))).toEqual([userId, userId, userId, userId]);
    expect(received.map((each) => each.headers['webhook-id'])).toEqual(events.map((event) => event.id));
    // A tampered body no longer verifies.
    expect(verifiedBy(secret, { ...received[0], body: received[0]?.body.replace('20000', '90000') } as ReceivedWebhook)).toBe(false);
    await receiver.close();
  });

  it('after a secret rotates, deliveries carry signatures by both secrets, so a receiver holding either verifies them', async () => {
    const receiver = await startReceiver();
    const { endpoint, secret: oldSecret } = await dispatcher.add(receiver.url, ['wallet.charged']);
    const newSecret = await rotateWebhookSecret({ ctx: dispatcher.admin, input: { endpointId: endpoint.id } });
    await walletCalls(f.t.app).charge(uniqueUserId(), { amount: 1_000 });
    const [received] = await receiver.receivedAtLeast(1);
    expect(String(received?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect([verifiedBy(oldSecret, received as ReceivedWebhook), verifiedBy(newSecret, received as ReceivedWebhook)]).toEqual([true, true]);
    await receiver.close();
  });

  it('a receiver answering 500, 500, then 200 gets the event three times with the same webhook-id, each attempt logged', async () => {
    const receiver = await startReceiver([500, 500, 200]);
    const { endpoint } = await dispatcher.add(receiver.url, ['wallet.charged']);
    await walletCalls(f.t.app).charge(uniqueUserId(), { amount: 1_000 });
    const received = await receiver.receivedAtLeast(3);
    expect(new Set(received.map((each) => each.headers['webhook-id'])).size).toBe(1);
    let delivery = (await dispatcher.store.deliveriesOf(endpoint.id, 10))[0];
    while (delivery?.status !== 'DELIVERED') delivery = (await dispatcher.store.deliveriesOf(endpoint.id, 10))[0];
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 3, eventId: received[0]?.headers['webhook-id'] });
    expect((await dispatcher.store.attemptsOf(delivery.id)).map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
    await receiver.close();
  });

  it('a receiver that hangs does not delay another endpoint: the other gets every event while the first attempt still waits', async () => {
    const hanging = await startReceiver(['hang']);
    const healthy = await startReceiver();
    const slow = await dispatcher.add(hanging.url, ['wallet.charged']);
    await dispatcher.add(healthy.url, ['wallet.charged']);
    const users = Array.from({ length: 5 }, () => uniqueUserId());
    for (const userId of users) await walletCalls(f.t.app).charge(userId, { amount: 500 });
    const received = await healthy.receivedAtLeast(users.length);
    expect(received.map((each) => JSON.parse(each.body).data.userId)).toEqual(users);
    // The hanging endpoint got its first POST and is still waiting on it (the timeout is a minute).
    expect(hanging.received.length).toBe(1);
    const [first] = await dispatcher.store.deliveriesOf(slow.endpoint.id, 10).then((all) => all.slice(-1));
    expect(first).toMatchObject({ status: 'PENDING', attempts: 0 });
    await Promise.all([hanging.close(), healthy.close()]);
  });

  it('an event fanned out twice (a dispatcher that died before acknowledging it) is delivered once', async () => {
    const receiver = await startReceiver();
    const { endpoint } = await dispatcher.add(receiver.url, ['concert_event.sold_out']);
    const event = {
      id: '01JZ0000000000000000000000',
      type: 'concert_event.sold_out',
      schemaVersion: 1,
      aggregateType: 'concert_event',
      aggregateId: f.event.id,
      occurredAt: new Date().toISOString(),
      data: { concertEventId: f.event.id },
    };
    expect(await dispatcher.store.addDeliveries([event], new Date())).toBe(1);
    expect(await dispatcher.store.addDeliveries([event], new Date())).toBe(0);
    await receiver.receivedAtLeast(1);
    let deliveries = await dispatcher.store.deliveriesOf(endpoint.id, 10);
    while (deliveries[0]?.status !== 'DELIVERED') deliveries = await dispatcher.store.deliveriesOf(endpoint.id, 10);
    expect(deliveries).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it('410 Gone disables the endpoint and fails the delivery; nothing more is sent to it', async () => {
    const gone = await startReceiver([410]);
    const { endpoint } = await dispatcher.add(gone.url, ['wallet.charged']);
    await walletCalls(f.t.app).charge(uniqueUserId(), { amount: 500 });
    await gone.receivedAtLeast(1);
    let status = 'ENABLED';
    while (status === 'ENABLED') status = (await dispatcher.store.endpoints()).find((each) => each.id === endpoint.id)?.status ?? '';
    expect((await dispatcher.store.endpoints()).find((each) => each.id === endpoint.id)).toMatchObject({
      status: 'DISABLED',
      disabledReason: expect.stringContaining('410'),
    });
    expect(await dispatcher.store.deliveriesOf(endpoint.id, 10)).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 1 })]);
    // The next event reaches a witness endpoint, and not the disabled one: it got no delivery at all.
    const witness = await startReceiver();
    await dispatcher.add(witness.url, ['wallet.charged']);
    const next = uniqueUserId();
    await walletCalls(f.t.app).charge(next, { amount: 500 });
    await witness.receivedAtLeast(1);
    expect(JSON.parse(witness.received[0]?.body ?? '{}').data.userId).toBe(next);
    expect(gone.received).toHaveLength(1);
    expect(await dispatcher.store.deliveriesOf(endpoint.id, 10)).toHaveLength(1);
    await Promise.all([gone.close(), witness.close()]);
  });

  it('a delivery that exhausts its retries is kept as failed, and a replay delivers it with the same webhook-id', async () => {
    const flaky = await startReceiver([503, 503, 503, 200]);
    const { endpoint } = await dispatcher.add(flaky.url, ['wallet.charged']);
    await walletCalls(f.t.app).charge(uniqueUserId(), { amount: 500 });
    await flaky.receivedAtLeast(3);
    let [delivery] = await dispatcher.store.deliveriesOf(endpoint.id, 10);
    while (delivery?.status !== 'FAILED') [delivery] = await dispatcher.store.deliveriesOf(endpoint.id, 10);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 3, lastAttempt: { statusCode: 503 } });

    expect(await dispatcher.store.replayEvent(delivery.eventId, new Date(), endpoint.id)).toBe(1);
    const received = await flaky.receivedAtLeast(4);
    expect(received.map((each) => each.headers['webhook-id'])).toEqual(Array(4).fill(delivery.eventId));
    while (delivery?.status !== 'DELIVERED') [delivery] = await dispatcher.store.deliveriesOf(endpoint.id, 10);
    expect(delivery.lastAttempt?.statusCode).toBe(200);
    await flaky.close();
  });
});

describe('the sender refuses private addresses unless allowed, and never follows a redirect', () => {
  const delivery = (url: string) => ({ id: 1, endpointId: 1, url, secrets: ['whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0'] as [string], eventId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', body: '{}', attempts: 0 });

  it('by default neither 127.0.0.1 nor a name resolving to it is connected to', async () => {
    const receiver = await startReceiver();
    const sender = undiciWebhookSender({ timeoutMs: 5_000, allowPrivateAddresses: false });
    const byAddress = await sender.send(delivery(receiver.url), new Date());
    const byName = await sender.send(delivery(receiver.url.replace('127.0.0.1', 'localhost')), new Date());
    expect(byAddress).toMatchObject({ statusCode: null, error: expect.stringContaining('private address') });
    expect(byName).toMatchObject({ statusCode: null, error: expect.stringContaining('private address') });
    expect(receiver.received).toHaveLength(0);
    await Promise.all([sender.close(), receiver.close()]);
  });

  it('a 3xx is a failed attempt: the Location is not followed', async () => {
    const target = await startReceiver();
    const redirecting = await startReceiver([307]);
    const sender = undiciWebhookSender({ timeoutMs: 5_000, allowPrivateAddresses: true });
    expect(await sender.send(delivery(redirecting.url), new Date())).toMatchObject({ statusCode: 307, error: 'Redirect not followed.' });
    expect(target.received).toHaveLength(0);
    await Promise.all([sender.close(), target.close(), redirecting.close()]);
  });
});
