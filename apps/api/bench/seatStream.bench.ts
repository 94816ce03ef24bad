/**
 * Live seat map benchmark: what it costs the API to keep CLIENTS buyers' seat maps current while
 * seats change, by polling the seat list every 2 s against one server-sent-event stream each
 * (docs/adr/0013). One event of 1,000 seats; a driver holds one seat and releases it, again and
 * again (two changes per cycle), at the same pace in both phases; each phase lasts SECONDS. The
 * API runs as its own process in production mode; its CPU is read from /proc before and after each
 * phase, the bytes are what the clients received (bodies and SSE text, headers left out). For the
 * stream it also prints how long after the driver sent a change the last of the clients had it
 * (p50, p99, max over the changes). A first phase without clients shows what the changes cost by
 * themselves. The clients run in this process, on the same cores.
 * Prints figures; asserts nothing. Run: npm run bench:seat-stream -w @concert/api [-- clients seconds]
 */
import { request as httpRequest, Agent } from 'node:http';
import { createConcert, createEventWithSeats, createTestDatabase, createTestRedis } from '@concert/testing';
import { Pool } from 'undici';
import { answers, startProcess, stopProcess } from './processes.js';
import { cpuMsOf } from './serverCpu.js';

const [clients = 2_000, seconds = 10] = process.argv.slice(2).map(Number);
const POLL_MS = 2_000;
const CYCLE_MS = 200; // one hold and one release: 10 changes a second
const port = 18_193;
const base = `http://127.0.0.1:${port}`;

const database = await createTestDatabase(4);
const redis = await createTestRedis();
const concert = await createConcert(database.db, { title: 'Stream benchmark' });
const event = await createEventWithSeats(database.db, concert.id, { seats: 1_000, price: 40_000 });

const api = await startProcess(
  'src/main.ts',
  [],
  {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    QUEUE_TOKEN_SECRET: 'seat-stream-benchmark-secret-of-at-least-32-chars',
    QUEUE_ADMISSIONS_PER_SECOND: '100000',
    QUEUE_MAX_ACTIVE_USERS: '1000000',
    RATE_LIMIT_ENABLED: 'false',
    // A closed bench: user ids on trust, as in development.
    AUTH_ALLOW_OPEN_IN_PRODUCTION: 'true',
    SEAT_STREAM_MAX_PER_PROCESS: String(clients + 10),
    DATABASE_URL: database.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
  },
  () => answers(`${base}/readyz`),
);
const apiPid = String(api.pid);
const http = new Pool(base, { connections: 256 });

async function send(method: 'GET' | 'POST' | 'DELETE', path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['user-token'] = token;
  const response = await http.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.body.text();
  return { status: response.statusCode, text };
}

async function tokenOf(userId: number): Promise<string> {
  const { text } = await send('POST', '/api/v1/queue/token', undefined, { userId });
  return (JSON.parse(text) as { data: { token: string } }).data.token;
}

const tokens: string[] = [];
for (let start = 0; start < clients; start += 200) {
  const batch = Array.from({ length: Math.min(200, clients - start) }, (_, index) => tokenOf(1_000_000 + start + index));
  tokens.push(...(await Promise.all(batch)));
}
const DRIVERS = 10;
const driverTokens = await Promise.all(Array.from({ length: DRIVERS }, (_, index) => tokenOf(900_000 + index)));
const seatIds = event.seats.map((seat) => seat.id);

/**
 * Every CYCLE_MS, whatever the load, one seat is held and then released (two changes), by one of
 * DRIVERS users in turn (a user may hold only a few seats at once): the same changes in every phase.
 */
async function drive(stop: { done: boolean }, asked: Map<string, number>) {
  const cycles: Promise<void>[] = [];
  for (let cycle = 0; !stop.done; cycle += 1) {
    const seatId = seatIds[cycle % seatIds.length] ?? 0;
    const token = driverTokens[cycle % driverTokens.length];
    cycles.push(
      (async () => {
        asked.set(`${seatId}:held`, performance.now());
        const held = await send('POST', `/api/v1/concert-events/${event.id}/occupy`, token, { seatIds: [seatId] });
        const holdId = (JSON.parse(held.text) as { data?: { id: number } }).data?.id;
        asked.set(`${seatId}:available`, performance.now());
        if (holdId) await send('DELETE', `/api/v1/occupations/${holdId}`, token);
      })(),
    );
    await new Promise((resolve) => setTimeout(resolve, CYCLE_MS));
  }
  await Promise.all(cycles);
}

interface Phase {
  cpuMs: number;
  bytes: number;
  /** HTTP requests answered (polling), or streams open (streaming). */
  requests: number;
  changes: number;
}

/** The API's CPU and the bytes the clients received while `work` ran. */
async function costOf(work: (count: (bytes: number) => void) => Promise<number>): Promise<Omit<Phase, 'changes'>> {
  let bytes = 0;
  const cpuBefore = cpuMsOf(apiPid);
  const requests = await work((received) => (bytes += received));
  return { cpuMs: cpuMsOf(apiPid) - cpuBefore, bytes, requests };
}

/** A phase of SECONDS with the driver making changes, as the clients watch. */
async function duringChanges(watchers: { count: (bytes: number) => void; requests: () => number }, asked: Map<string, number>) {
  const stop = { done: false };
  const driving = drive(stop, asked);
  const cost = await costOf(async (count) => {
    const before = watchers.requests();
    watchers.count = count;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    return watchers.requests() - before;
  });
  stop.done = true;
  await driving;
  return { ...cost, changes: asked.size };
}

/** Every client reads the whole seat list every POLL_MS, starting at a random moment of the first period. */
function polling(stop: { done: boolean }) {
  let requests = 0;
  const watchers = { count: (_bytes: number) => undefined as unknown, requests: () => requests };
  const running = Promise.all(
    tokens.map(async (token) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * POLL_MS));
      while (!stop.done) {
        const next = performance.now() + POLL_MS;
        const { text } = await send('GET', `/api/v1/concert-events/${event.id}/available-seats`, token);
        requests += 1;
        watchers.count(Buffer.byteLength(text));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      }
    }),
  );
  return { watchers, running };
}

/** Every client opens one stream; `arrivals` keeps, per change, when the last client had it. Resolves once every snapshot is in. */
async function streaming(stop: { done: boolean }, arrivals: Map<string, number>) {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const changePattern = /"seatIds":\[(\d+)\],"state":"(\w+)"/g;
  let snapshots = 0;
  const watchers = { count: (_bytes: number) => undefined as unknown, requests: () => 0 };
  const connect = costOf(async (count) => {
    watchers.count = count;
    await new Promise<void>((resolve) => {
      for (const token of tokens) {
        const req = httpRequest(
          `${base}/api/v1/concert-events/${event.id}/seats/stream`,
          { agent, headers: { 'user-token': token, accept: 'text/event-stream' } },
          (response) => {
            response.setEncoding('utf8');
            let seenSnapshot = false;
            response.on('data', (chunk: string) => {
              watchers.count(Buffer.byteLength(chunk));
              for (const match of chunk.matchAll(changePattern)) arrivals.set(`${match[1]}:${match[2]}`, performance.now());
              if (!seenSnapshot && chunk.includes('"heartbeatSeconds"')) {
                seenSnapshot = true;
                snapshots += 1;
                if (snapshots === tokens.length) resolve();
              }
            });
          },
        );
        req.on('error', () => undefined);
        req.end();
        const timer = setInterval(() => {
          if (!stop.done) return;
          clearInterval(timer);
          req.destroy();
        }, 200);
      }
    });
    return tokens.length;
  });
  return { watchers, connected: await connect, close: () => agent.destroy() };
}

const round = (value: number) => Math.round(value).toLocaleString('en');
const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? Number.NaN;

try {
  // The driver alone: what the changes themselves cost, in both phases below too.
  const alone = await duringChanges({ count: () => undefined, requests: () => 0 }, new Map());

  const pollStop = { done: false };
  const poller = polling(pollStop);
  const poll = await duringChanges(poller.watchers, new Map());
  pollStop.done = true;
  await poller.running;

  const streamStop = { done: false };
  const arrivals = new Map<string, number>();
  const streams = await streaming(streamStop, arrivals);
  const asked = new Map<string, number>();
  const stream = { ...(await duringChanges(streams.watchers, asked)), requests: clients };
  streamStop.done = true;
  const delays = [...asked].flatMap(([key, at]) => (arrivals.has(key) ? [(arrivals.get(key) ?? at) - at] : []));

  const perMinute = 60 / seconds;
  console.log(`${clients} clients watching one 1,000-seat event for ${seconds} s while a driver makes about ${Math.round(stream.changes / seconds)} changes/s`);
  console.log('| | API CPU ms per minute | MB sent per minute | requests (streams) | changes |');
  console.log('|---|---|---|---|---|');
  console.log(`| nobody watching (the changes alone) | ${round(alone.cpuMs * perMinute)} | 0 | 0 | ${alone.changes} |`);
  console.log(`| polling every ${POLL_MS / 1_000} s | ${round(poll.cpuMs * perMinute)} | ${((poll.bytes * perMinute) / 1e6).toFixed(1)} | ${round(poll.requests)} | ${poll.changes} |`);
  console.log(`| one SSE stream each | ${round(stream.cpuMs * perMinute)} | ${((stream.bytes * perMinute) / 1e6).toFixed(1)} | (${clients}) | ${stream.changes} |`);
  console.log(
    `opening the ${clients} streams (each a snapshot): ${round(streams.connected.cpuMs)} ms of API CPU, ${(streams.connected.bytes / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `stream: the last client had a change ${percentile(delays, 0.5).toFixed(0)} ms (p50), ${percentile(delays, 0.99).toFixed(0)} ms (p99), ` +
      `${Math.max(...delays).toFixed(0)} ms (max) after the driver asked for it (${delays.length} of ${asked.size} changes seen)`,
  );
  streams.close();
} finally {
  await http.close();
  await stopProcess(api);
  await Promise.allSettled([database.destroy(), redis.destroy()]);
}
