import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import type { SeatChange, SeatSnapshot } from '@concert/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedTestApp } from '../support/servedApp.js';
import { openStream, secondProcess, until } from '../support/seatStreams.js';

const served = servedTestApp({ SEAT_FEED_LOG_LENGTH: '3' });

describe('the live seat map, watched through the SDK on one API process while buyers use another', () => {
  let eventId: number;
  let seatIds: number[];
  let other: Awaited<ReturnType<typeof secondProcess>>;
  /** The sequence before the event's first change (an event's numbers start from the server's clock). */
  let before = 0;
  beforeAll(async () => {
    const concert = await createConcert(served.t.database.db);
    const event = await createEventWithSeats(served.t.database.db, concert.id, { seats: 6, price: 1_000 });
    eventId = event.id;
    seatIds = event.seats.map((seat) => seat.id);
    other = await secondProcess(served.t);
  });
  afterAll(() => other.close());

  it('starts from the whole map, then tells every committed change in order: held, reserved, sold, held, back on sale', async () => {
    const watcher = served.client();
    await watcher.issueQueueToken({ userId: uniqueUserId() });
    const snapshots: SeatSnapshot[] = [];
    const changes: SeatChange[] = [];
    const watching = new AbortController();
    const watch = watcher.watchSeats(eventId, {
      onSnapshot: (snapshot) => snapshots.push(snapshot),
      onChange: (change) => changes.push(change),
      signal: watching.signal,
    });
    await until(() => snapshots.length === 1, 'the first snapshot');
    expect(snapshots[0]?.seats.map((seat) => [seat.id, seat.available])).toEqual(seatIds.map((id) => [id, true]));

    // The buyer's calls go to the other process: the changes reach this one through Redis.
    const buyer = other.client();
    const userId = uniqueUserId();
    await buyer.chargeWallet({ userId, amount: 10_000 });
    await buyer.issueQueueToken({ userId });
    const [first = 0, second = 0, third = 0] = seatIds;
    const hold = await buyer.occupySeats({ concertEventId: eventId, seatIds: [first, second] });
    const reservation = await buyer.reserveHold({ concertEventId: eventId, occupationId: hold.id });
    await buyer.payReservation({ reservationId: reservation.id });
    const rebuyer = other.client();
    await rebuyer.issueQueueToken({ userId: uniqueUserId() });
    const secondHold = await rebuyer.occupySeats({ concertEventId: eventId, seatIds: [third] });
    await rebuyer.releaseHold({ occupationId: secondHold.id });

    await until(() => changes.length === 5, 'five changes');
    before = (changes[0]?.sequence ?? 0) - 1;
    expect(changes).toEqual([
      { sequence: before + 1, seatIds: [first, second], state: 'held' },
      { sequence: before + 2, seatIds: [first, second], state: 'reserved' },
      { sequence: before + 3, seatIds: [first, second], state: 'sold' },
      { sequence: before + 4, seatIds: [third], state: 'held' },
      { sequence: before + 5, seatIds: [third], state: 'available' },
    ]);
    watching.abort();
    await expect(watch).resolves.toBeUndefined();
    expect(snapshots).toHaveLength(1);
  });

  it('resumes after Last-Event-ID with only what was missed, or a fresh snapshot once the missed changes are no longer kept', async () => {
    const client = served.client();
    const { token } = await client.issueQueueToken({ userId: uniqueUserId() });
    // Five changes so far, three kept (SEAT_FEED_LOG_LENGTH): after the third, the fourth and fifth are resent.
    const resumed = await openStream(served.baseUrl, eventId, token, { 'Last-Event-ID': String(before + 3) });
    await until(() => resumed.events.length === 2, 'the two missed changes');
    expect(resumed.events.map((event) => [event.event, event.id])).toEqual([
      ['change', String(before + 4)],
      ['change', String(before + 5)],
    ]);
    resumed.close();

    // After the first, the second was dropped from the log: the whole map instead, as of the fifth.
    const stale = await openStream(served.baseUrl, eventId, token, { 'Last-Event-ID': String(before + 1) });
    await until(() => stale.events.length === 1, 'a fresh snapshot');
    const [snapshot] = stale.events;
    expect([snapshot?.event, snapshot?.id]).toEqual(['snapshot', String(before + 5)]);
    const seats = (JSON.parse(snapshot?.data ?? '{}') as SeatSnapshot).seats;
    expect(seats.filter((seat) => !seat.available).map((seat) => seat.id)).toEqual(seatIds.slice(0, 2));
    stale.close();
  });

  it('refuses a Last-Event-ID that is not one of its ids, naming the header, and changes nothing', async () => {
    const client = served.client();
    const { token } = await client.issueQueueToken({ userId: uniqueUserId() });
    const refused = await openStream(served.baseUrl, eventId, token, { 'Last-Event-ID': '-1' });
    expect(refused.response.status).toBe(400);
    expect(await refused.response.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'last-event-id' }] } });
  });
});
