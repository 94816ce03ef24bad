import { ApiError, type ConcertClient } from '@concert/sdk';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { servedTestApp } from '../support/servedApp.js';

/** The rejection of `call`, which must be an ApiError. */
async function apiError(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('typed errors from the real API', () => {
  const served = servedTestApp();

  async function activeUser(balance = 0): Promise<{ userId: number; api: ConcertClient }> {
    const userId = uniqueUserId();
    const api = served.client();
    if (balance > 0) await api.chargeWallet({ userId, amount: balance });
    await api.issueQueueToken({ userId });
    await api.waitUntilActive();
    return { userId, api };
  }

  it('a seat someone else holds: seat_unavailable, 409, naming the seat', async () => {
    const concert = await createConcert(served.t.database.db);
    const event = await createEventWithSeats(served.t.database.db, concert.id, { seats: 2 });
    const seatId = event.seats[0]?.id ?? 0;
    const alice = await activeUser();
    const bob = await activeUser();
    await alice.api.occupySeats({ concertEventId: event.id, seatId });

    const error = await apiError(bob.api.occupySeats({ concertEventId: event.id, seatId }));
    expect(error).toMatchObject({ status: 409, code: 'seat_unavailable', details: { seatIds: [seatId] } });
    expect(error.requestId).toBeTypeOf('string');
  });

  it('a payment above the balance: insufficient_balance, 409, and the balance is untouched', async () => {
    const concert = await createConcert(served.t.database.db);
    const event = await createEventWithSeats(served.t.database.db, concert.id, { seats: 1, price: 1_000 });
    const { userId, api } = await activeUser(500);
    const hold = await api.occupySeats({ concertEventId: event.id, seatId: event.seats[0]?.id ?? 0 });
    const reservation = await api.reserveHold({ concertEventId: event.id, occupationId: hold.id });

    const error = await apiError(api.payReservation({ reservationId: reservation.id }));
    expect(error).toMatchObject({ status: 409, code: 'insufficient_balance' });
    expect(await api.getWallet({ userId })).toEqual({ userId, balance: 500 });
    expect(await api.listPayments({ userId })).toEqual([]);
  });
});

describe('a user still in the waiting room', () => {
  const served = servedTestApp({ QUEUE_MAX_ACTIVE_USERS: '1' });

  it('is refused with token_not_active, 403, until admitted', async () => {
    const concert = await createConcert(served.t.database.db);
    await served.client().issueQueueToken({ userId: uniqueUserId() });
    const waiting = served.client();
    expect(await waiting.issueQueueToken({ userId: uniqueUserId() })).toMatchObject({ status: 'WAITING', position: 1 });

    for (const call of [
      waiting.listAvailableEvents({ concertId: concert.id }),
      waiting.payReservation({ reservationId: 1 }),
    ]) {
      expect(await apiError(call)).toMatchObject({ status: 403, code: 'token_not_active' });
    }
  });
});
