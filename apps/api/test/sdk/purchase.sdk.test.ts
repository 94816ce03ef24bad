import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { expectBooks } from '../support/walletBooks.js';
import { servedTestApp } from '../support/servedApp.js';

const served = servedTestApp();

describe('the whole purchase through the SDK, over HTTP', () => {
  it('charges, queues, browses, holds two seats, reserves and pays, and the money adds up', async () => {
    const concert = await createConcert(served.t.database.db, { title: 'SDK night' });
    const event = await createEventWithSeats(served.t.database.db, concert.id, { seats: 6, price: 30_000 });
    const userId = uniqueUserId();
    const api = served.client();

    expect(await api.chargeWallet({ userId, amount: 100_000 })).toEqual({ userId, balance: 100_000 });
    const place = await api.issueQueueToken({ userId });
    expect(api.userToken).toBe(place.token);
    const progress: number[] = [];
    expect(await api.waitUntilActive({ onProgress: (answer) => progress.push(answer.position) })).toMatchObject({ status: 'ACTIVE' });
    expect(progress).toEqual([0]);

    expect(await api.listConcerts()).toContainEqual(expect.objectContaining({ id: concert.id, title: 'SDK night' }));
    const [bookable] = await api.listAvailableEvents({ concertId: concert.id });
    expect(bookable).toMatchObject({ id: event.id, concertId: concert.id, maxSeatCount: 6 });
    const seats = await api.listAvailableSeats({ concertEventId: event.id });
    expect(seats).toHaveLength(6);

    const chosen = seats.slice(0, 2).map((seat) => seat.id);
    const hold = await api.occupySeats({ concertEventId: event.id, seatIds: chosen });
    expect(hold).toMatchObject({ userId, status: 'ACTIVE' });
    expect(hold.seats.map((seat) => seat.seatId).sort()).toEqual([...chosen].sort());
    expect(await api.listAvailableSeats({ concertEventId: event.id })).toHaveLength(4);

    const reservation = await api.reserveHold({ concertEventId: event.id, occupationId: hold.id });
    expect(reservation).toMatchObject({ status: 'PENDING', totalSeats: 2, totalAmount: 60_000, occupationId: hold.id });

    const paid = await api.payReservation({ reservationId: reservation.id }, { idempotencyKey: `pay-${userId}` });
    expect(paid).toMatchObject({ reservationId: reservation.id, amount: 60_000, status: 'COMPLETED' });
    // A client that lost the answer retries with its key: the same payment, charged once.
    expect(await api.payReservation({ reservationId: reservation.id }, { idempotencyKey: `pay-${userId}` })).toEqual(paid);

    expect(await api.getWallet({ userId })).toEqual({ userId, balance: 40_000 });
    expect(await api.listPayments({ userId })).toEqual([paid]);
    await expectBooks(served.t.database.db, userId, { balance: 40_000, payments: 1 });
  });
});
