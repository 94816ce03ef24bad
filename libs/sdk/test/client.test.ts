import { operations } from '@concert/contract';
import { describe, expect, it } from 'vitest';
import { createConcertClient } from '../src/client.js';
import { ApiError, isApiError } from '../src/errors.js';
import { json, scriptedServer } from './support/scriptedServer.js';

const server = scriptedServer();

const client = (options: { userToken?: string; headers?: Record<string, string> } = {}) =>
  createConcertClient({ baseUrl: server.baseUrl, timeoutMs: 1_000, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options });

const place = { token: 'tok-7', position: 0, estimatedWaitingTime: 0, status: 'ACTIVE' };
const payment = { id: 1, reservationId: 9, amount: 750, refundedAmount: 0, status: 'COMPLETED', paidAt: '2026-12-24T19:00:00.000Z' };

describe('createConcertClient', () => {
  it('has one method per contract operation, named by its operationId', () => {
    const api = client();
    for (const [name, operation] of Object.entries(operations)) {
      expect(operation.operationId).toBe(name);
      expect(typeof api[operation.operationId as keyof typeof operations]).toBe('function');
    }
  });

  it('keeps the token issueQueueToken answers, sends it on later calls, and forgets it on leaving', async () => {
    const api = client();
    server.script = [
      json(200, { data: place }),
      json(200, { list: [{ id: 3, title: 'T', singer: 'S', description: 'D' }] }),
      json(200, { data: { status: 'LEFT' } }),
      json(200, { data: { userId: 7, balance: 0 } }),
    ];
    expect(await api.issueQueueToken({ userId: 7 })).toEqual(place);
    expect(api.userToken).toBe('tok-7');
    expect(await api.listConcerts()).toEqual([{ id: 3, title: 'T', singer: 'S', description: 'D' }]);
    expect(await api.deleteQueueToken()).toEqual({ status: 'LEFT' });
    expect(api.userToken).toBeUndefined();
    await api.getWallet({ userId: 7 });

    expect(server.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /api/v1/queue/token',
      'GET /api/v1/concerts',
      'DELETE /api/v1/queue/token',
      'GET /api/v1/users/7/wallet',
    ]);
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ userId: 7 });
    expect(server.seen.map((request) => request.headers['user-token'])).toEqual([undefined, 'tok-7', 'tok-7', undefined]);
  });

  it('takes a token from an earlier session, and extra headers for every call', async () => {
    const api = client({ userToken: 'kept', headers: { authorization: 'Bearer gateway' } });
    server.script = [json(200, { list: [] }), json(200, { list: [] })];
    await api.listAvailableSeats({ concertEventId: 4 });
    api.setUserToken('other');
    await api.listAvailableEvents({ concertId: 2 });
    expect(server.seen.map((request) => [request.url, request.headers['user-token'], request.headers.authorization])).toEqual([
      ['/api/v1/concert-events/4/available-seats', 'kept', 'Bearer gateway'],
      ['/api/v1/concerts/2/available-events', 'other', 'Bearer gateway'],
    ]);
  });

  it('sends an Idempotency-Key on payments and charges and keeps it when it retries a 5xx', async () => {
    const api = client({ userToken: 'tok' });
    const unavailable = json(503, { error: { code: 'unavailable', message: 'try again' } });
    server.script = [unavailable, json(200, { data: payment }), unavailable, json(200, { data: { userId: 7, balance: 100 } })];
    expect(await api.payReservation({ reservationId: 9 })).toEqual(payment);
    expect(await api.chargeWallet({ userId: 7, amount: 100 })).toEqual({ userId: 7, balance: 100 });

    const keys = server.seen.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toBeTypeOf('string');
    expect(keys[1]).toBe(keys[0]);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(JSON.parse(server.seen[2]?.body ?? '')).toEqual({ amount: 100 });
    expect(server.seen[2]?.url).toBe('/api/v1/users/7/wallet/charge');
  });

  it('never retries a hold, and gives the API error code, status and details', async () => {
    const api = client({ userToken: 'tok' });
    server.script = [
      json(500, { error: { code: 'internal_error', message: 'boom' } }),
      json(409, { error: { code: 'seat_unavailable', message: 'Taken.', details: { seatIds: [5] } } }),
    ];
    await expect(api.occupySeats({ concertEventId: 1, seatId: 5 })).rejects.toMatchObject({ status: 500 });
    const error = await api.occupySeats({ concertEventId: 1, seatId: 5 }).catch((caught: unknown) => caught);
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]?.headers['idempotency-key']).toBeUndefined();
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error, 'seat_unavailable')).toBe(true);
    expect(error).toMatchObject({ status: 409, details: { seatIds: [5] } });
  });
});
