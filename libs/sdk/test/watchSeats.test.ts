import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createConcertClient } from '../src/client.js';
import { ApiError } from '../src/errors.js';
import type { SeatChange, SeatSnapshot } from '../src/watchSeats.js';
import { json, scriptedServer } from './support/scriptedServer.js';

const server = scriptedServer();

const snapshot = { concertEventId: 7, sequence: 3, heartbeatSeconds: 15, seats: [{ id: 1, seatNumber: 1, price: 100, available: true }] };
const change = (sequence: number, state: string) => ({ sequence, seatIds: [1], state });

type Event = [name: string, data: object & { sequence: number }];
const text = (events: Event[]) => events.map(([name, data]) => `event: ${name}\nid: ${data.sequence}\ndata: ${JSON.stringify(data)}\n\n`).join('');

/** An SSE answer of these events, then the end of the stream (the server went away). */
const stream =
  (...events: Event[]) =>
  (response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(text(events));
  };

/** An SSE answer of these events that stays open. */
const openStream =
  (...events: Event[]) =>
  (response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(text(events));
  };

function watch(signal: AbortSignal) {
  const api = createConcertClient({ baseUrl: server.baseUrl, userToken: 'tok' });
  const seen: Array<SeatSnapshot | SeatChange> = [];
  const reconnects: number[] = [];
  const done = api.watchSeats(7, {
    onSnapshot: (value) => seen.push(value),
    onChange: (value) => seen.push(value),
    onReconnect: (_reason, delayMs) => reconnects.push(delayMs),
    signal,
    baseDelayMs: 1,
    maxDelayMs: 2,
  });
  return { done, seen, reconnects };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('watchSeats', () => {
  it('reconnects after the stream ends, resuming after the last event it had, and after a 503 waits its Retry-After', async () => {
    server.script = [
      stream(['snapshot', snapshot], ['change', change(4, 'held')]),
      json(503, { error: { code: 'stream_capacity', message: 'full' } }, { 'retry-after': '1' }),
      openStream(['change', change(5, 'available')]),
    ];
    const stop = new AbortController();
    const { done, seen, reconnects } = watch(stop.signal);
    await until(() => seen.length === 3);
    stop.abort();
    await expect(done).resolves.toBeUndefined();

    expect(seen).toEqual([snapshot, change(4, 'held'), change(5, 'available')]);
    expect(server.seen.map((request) => [request.url, request.headers['user-token'], request.headers['last-event-id']])).toEqual([
      ['/api/v1/concert-events/7/seats/stream', 'tok', undefined],
      ['/api/v1/concert-events/7/seats/stream', 'tok', '4'],
      ['/api/v1/concert-events/7/seats/stream', 'tok', '4'],
    ]);
    expect(reconnects[1]).toBe(1_000);
  });

  it('rejects with the ApiError of a refusal no retry can change, without trying again', async () => {
    server.script = [json(403, { error: { code: 'token_not_active', message: 'wait' } })];
    const { done } = watch(new AbortController().signal);
    await expect(done).rejects.toMatchObject({ status: 403, code: 'token_not_active' });
    await expect(done).rejects.toBeInstanceOf(ApiError);
    expect(server.seen).toHaveLength(1);
  });
});
