/**
 * Booking benchmark: available seats and holds over real HTTP against an in-process server (the
 * real startServer, random port) on a fresh database. Prints figures beside the seed's; asserts
 * nothing (a script, not a test). Run: npm run bench:booking -w @concert/api
 */
import type { AddressInfo } from 'node:net';
import { createConcert, createEventWithSeats, createTestDatabase, createTestRedis, testConfig } from '@concert/testing';
import { Pool } from 'undici';
import { startServer } from '../src/server.js';

const CONNECTIONS = 50;
const SEAT_READS = 5_000;
const FLASH_USERS = 1_000;

interface Figures {
  requests: number;
  seconds: number;
  latencies: number[];
  statuses: Record<number, number>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function report(name: string, figures: Figures, seed: string) {
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  const avg = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(44)} ${String(figures.requests).padStart(5)} req  ${(figures.requests / figures.seconds).toFixed(0).padStart(6)} req/s  ` +
      `avg ${ms(avg)}  p50 ${ms(percentile(sorted, 0.5))}  p95 ${ms(percentile(sorted, 0.95))}  p99 ${ms(percentile(sorted, 0.99))}  ` +
      `max ${ms(sorted.at(-1) ?? 0)}  statuses ${JSON.stringify(figures.statuses)}  | seed: ${seed}`,
  );
}

/** Sends `requests` calls with at most `concurrency` in flight; records each one's latency and status. */
async function load(
  pool: Pool,
  requests: number,
  concurrency: number,
  request: (index: number) => { method: 'GET' | 'POST'; path: string; token: string; body?: unknown },
): Promise<Figures> {
  const figures: Figures = { requests, seconds: 0, latencies: [], statuses: {} };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < requests; index = next++) {
      const { method, path, token, body } = request(index);
      const sent = performance.now();
      const response = await pool.request({
        method,
        path,
        headers: { 'user-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await response.body.text();
      figures.latencies.push(performance.now() - sent);
      figures.statuses[response.statusCode] = (figures.statuses[response.statusCode] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  figures.seconds = (performance.now() - started) / 1_000;
  return figures;
}

const database = await createTestDatabase(4);
const redis = await createTestRedis();
const running = await startServer(
  testConfig({
    DATABASE_URL: database.url,
    ...redis.settings,
    PORT: '0',
    HOST: '127.0.0.1',
    DB_POOL_SIZE: '40',
    QUEUE_MAX_ACTIVE_USERS: '10000',
    QUEUE_ADMISSIONS_PER_SECOND: '100000',
  }),
);
const { port } = running.server.address() as AddressInfo;
const pool = new Pool(`http://127.0.0.1:${port}`, { connections: FLASH_USERS, pipelining: 1 });
try {
  const concertId = (await createConcert(database.db)).id;
  const bigEvent = await createEventWithSeats(database.db, concertId, { seats: 1_000 });
  const holdEvent = await createEventWithSeats(database.db, concertId, { seats: 1_000 });
  const flashEvent = await createEventWithSeats(database.db, concertId, { seats: 1 });
  const secondFlashEvent = await createEventWithSeats(database.db, concertId, { seats: 1 });

  // Every user needs an active token; issued through the API like a client would.
  const tokens: string[] = [];
  for (let userId = 1; userId <= FLASH_USERS * 2; userId += 1) {
    const response = await pool.request({
      method: 'POST',
      path: '/api/v1/queue/token',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    tokens.push(((await response.body.json()) as { data: { token: string } }).data.token);
  }
  const token = (index: number) => tokens[index % tokens.length] ?? '';

  console.log(`Booking benchmark, in-process server, MariaDB pool 40, ${CONNECTIONS} connections unless said.`);
  const seatsOf = (event: { id: number }) => (index: number) => ({
    method: 'GET' as const,
    path: `/api/v1/concert-events/${event.id}/available-seats`,
    token: token(index),
  });
  const occupyEach = (event: { id: number; seats: Array<{ id: number }> }, firstUser: number) => (index: number) => ({
    method: 'POST' as const,
    path: `/api/v1/concert-events/${event.id}/occupy`,
    token: token(firstUser + index),
    body: { seatId: event.seats[index]?.id },
  });
  // Warm-up: connections, JIT, statement caches.
  await load(pool, 500, CONNECTIONS, seatsOf(bigEvent));
  // The seed's figures were taken under 10 virtual users: 10 connections compare like with like.
  report('GET available-seats (1,000 seats), 10 conns', await load(pool, 2_000, 10, seatsOf(bigEvent)), '192 ms avg at 10 VUs');
  report(
    `GET available-seats (1,000 seats), ${CONNECTIONS} conns`,
    await load(pool, SEAT_READS, CONNECTIONS, seatsOf(bigEvent)),
    'target p99 <= 20 ms',
  );
  report('POST occupy (distinct seats), 10 conns', await load(pool, 500, 10, occupyEach(holdEvent, FLASH_USERS)), '201 ms avg at 10 VUs');
  report(
    `POST occupy (distinct seats), ${CONNECTIONS} conns`,
    await load(pool, 500, CONNECTIONS, (index) => occupyEach(holdEvent, FLASH_USERS)(500 + index)),
    '201 ms avg at 10 VUs',
  );
  const flashSale = async (event: { id: number; seats: Array<{ id: number }> }, label: string) => {
    const flash = await load(pool, FLASH_USERS, FLASH_USERS, (index) => ({
      method: 'POST',
      path: `/api/v1/concert-events/${event.id}/occupy`,
      token: token(index),
      body: { seatId: event.seats[0]?.id },
    }));
    report(`POST occupy, ${FLASH_USERS} users, one seat, ${label}`, flash, '5,000 in 1,825 ms in-process');
    console.log(
      `  flash sale (${label}): all ${FLASH_USERS} answered in ${(flash.seconds * 1_000).toFixed(0)} ms (target <= 250 ms); ` +
        `winners ${flash.statuses[200] ?? 0} (must be 1); 5xx ${Object.entries(flash.statuses)
          .filter(([status]) => Number(status) >= 500)
          .reduce((sum, [, count]) => sum + count, 0)}`,
    );
  };
  // Cold: most of the 1,000 connections are opened by the burst itself (the figure kept since the start).
  await flashSale(flashEvent, 'new conns');
  // Warm: active users have polled their status and read the seats, so their connections are open;
  // opening 1,000 TCP connections in this same process costs more than answering them.
  await load(pool, FLASH_USERS, FLASH_USERS, () => ({ method: 'GET', path: '/healthz', token: '' }));
  await flashSale(secondFlashEvent, 'open conns');
} finally {
  await pool.close();
  await running.stop();
  await Promise.allSettled([database.destroy(), redis.destroy()]);
}
