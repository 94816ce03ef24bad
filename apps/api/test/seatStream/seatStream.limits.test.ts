import { connect } from 'node:net';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedTestApp } from '../support/servedApp.js';
import { openStream, until } from '../support/seatStreams.js';

/** The value of a metric line of /metrics (0 when absent). */
async function metric(baseUrl: string, line: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found ? Number(found.split(' ')[1]) : 0;
}

describe('the seat streams of one process', () => {
  // Two streams at most; a client more than 4 writes behind is dropped; a short log (the big test changes).
  const served = servedTestApp({ SEAT_STREAM_MAX_PER_PROCESS: '2', SEAT_STREAM_MAX_QUEUED_WRITES: '4', SEAT_FEED_LOG_LENGTH: '2' });
  let eventId: number;
  let token: string;
  beforeAll(async () => {
    const concert = await createConcert(served.t.database.db);
    eventId = (await createEventWithSeats(served.t.database.db, concert.id, { seats: 3 })).id;
    token = (await served.client().issueQueueToken({ userId: uniqueUserId() })).token;
  });

  it('are behind the waiting room: no token 401, a waiting one 403, before any stream opens', async () => {
    expect((await openStream(served.baseUrl, eventId, '')).response.status).toBe(401);
    expect((await openStream(served.baseUrl, eventId, 'forged')).response.status).toBe(401);
    expect((await openStream(served.baseUrl, 999_999_999, token)).response.status).toBe(404);
    expect(await metric(served.baseUrl, 'seat_streams_open')).toBe(0);
  });

  it('are capped: one more than SEAT_STREAM_MAX_PER_PROCESS is answered 503 with Retry-After, and a place freed is taken again', async () => {
    const first = await openStream(served.baseUrl, eventId, token);
    const second = await openStream(served.baseUrl, eventId, token);
    const third = await openStream(served.baseUrl, eventId, token);
    expect([first.response.status, second.response.status, third.response.status]).toEqual([200, 200, 503]);
    expect(third.response.headers.get('retry-after')).toBe('5');
    expect(await third.response.json()).toMatchObject({ error: { code: 'stream_capacity' } });
    expect(await metric(served.baseUrl, 'seat_streams_open')).toBe(2);

    first.close();
    await until(async () => (await metric(served.baseUrl, 'seat_streams_open')) === 1, 'the closed stream to free its place');
    const again = await openStream(served.baseUrl, eventId, token);
    expect(again.response.status).toBe(200);
    second.close();
    again.close();
    await until(async () => (await metric(served.baseUrl, 'seat_streams_open')) === 0, 'every stream closed');
  });

  it('drop a client that stops reading instead of buffering for it, while a reading client gets every change', async () => {
    const reading = await openStream(served.baseUrl, eventId, token);
    await until(() => reading.events.length === 1, 'the reading client’s snapshot');
    // A client that sends its request, then never reads a byte of the answer.
    const stalled = connect(Number(new URL(served.baseUrl).port), '127.0.0.1');
    stalled.on('error', () => undefined);
    let stalledClosed = false;
    stalled.on('close', () => (stalledClosed = true));
    stalled.write(
      `GET /api/v1/concert-events/${eventId}/seats/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Token: ${token}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    stalled.pause();
    await until(async () => (await metric(served.baseUrl, 'seat_streams_open')) === 2, 'the stalled client’s stream to open');

    // Big changes (about 50 KB each), published as writers do, until the socket buffers are full.
    const seatIds = Array.from({ length: 8_000 }, (_, index) => index + 1);
    let published = 0;
    while ((await metric(served.baseUrl, 'seat_streams_dropped_total{reason="slow"}')) === 0) {
      expect(published, 'the stalled client was never dropped').toBeLessThan(2_000);
      await served.t.services.seatFeed.publish({ concertEventId: eventId, seatIds, state: 'held' });
      published += 1;
    }
    // Its connection was ended: reading now, the client comes to its end instead of more events.
    stalled.resume();
    await until(() => stalledClosed, 'the stalled connection to be cut');
    // The reading client kept up and got them all, in order; it is the only stream left.
    await until(() => reading.events.length === 1 + published, 'every change to reach the reading client');
    const first = Number(reading.events[1]?.id);
    expect(reading.events.slice(1).map((event) => Number(event.id))).toEqual(Array.from({ length: published }, (_, index) => first + index));
    expect(await metric(served.baseUrl, 'seat_streams_open')).toBe(1);
    reading.close();
  });

  it('end when the process drains, and refuse new ones from then on', async () => {
    const open = await openStream(served.baseUrl, eventId, token);
    await until(() => open.events.length === 1, 'the snapshot');
    served.t.services.seatStreams.drain();
    await until(() => open.ended, 'the stream to end');
    expect((await openStream(served.baseUrl, eventId, token)).response.status).toBe(503);
    expect(await metric(served.baseUrl, 'seat_streams_dropped_total{reason="drain"}')).toBe(1);
  });
});
