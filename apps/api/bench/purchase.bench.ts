/**
 * Purchase cost benchmark: what each step of the seed's purchase flow costs the API, in CPU time and
 * SQL statements per call. BUYERS buyers walk the flow step by step (every buyer's charge, then every
 * buyer's token, ...), 20 calls at a time, against the API as a separate process in production mode.
 * CPU is read from the API's own /metrics (process_cpu_seconds_total) before and after each step,
 * statements from the server's `Questions` counter, the local database server's CPU from /proc
 * (all of its work: other clients count too); the reference is a cached GET /api/v1/concerts
 * measured the same way in the same round. Unlike a load test's throughput, CPU per call barely moves
 * with what else the machine runs, so this is the figure to compare before and after a change.
 * Prints figures; asserts nothing. Run: npm run bench:purchase -w @concert/api [-- rounds buyers]
 */
import type { ChildProcess } from 'node:child_process';
import type { RowDataPacket } from 'mysql2';
import { generatedCatalog, insertCatalog } from '@concert/db';
import { createTestDatabase, createTestRedis } from '@concert/testing';
import { Pool } from 'undici';
import { answers, startProcess, stopProcess } from './processes.js';
import { cpuMsOf, findProcess } from './serverCpu.js';

const CONCURRENCY = 20;
const [rounds = 3, buyers = 900] = process.argv.slice(2).map(Number);
const base = 'http://127.0.0.1:18191';

interface Answer {
  status: number;
  json: { data?: Record<string, unknown>; list?: Array<{ id: number }> } | null;
}

interface Step {
  name: string;
  /** The call of buyer `index`; what it learns goes into that buyer's record. */
  call: (buyer: Buyer, index: number) => Promise<Answer>;
}

interface Buyer {
  userId: number;
  token?: string;
  holdId?: number;
  reservationId?: number;
}

const http = new Pool(base, { connections: CONCURRENCY });

async function send(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['user-token'] = token;
  const response = await http.request({ method: method as 'GET', path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.body.text();
  return { status: response.statusCode, json: text ? (JSON.parse(text) as Answer['json']) : null };
}

async function apiCpuSeconds(): Promise<number> {
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const match = /^process_cpu_seconds_total (\S+)$/m.exec(metrics);
  if (!match?.[1]) throw new Error('The API published no process_cpu_seconds_total.');
  return Number(match[1]);
}

const database = await createTestDatabase(4);
const redis = await createTestRedis();

async function questions(): Promise<number> {
  const [rows] = await database.pool.query<Array<RowDataPacket & { Value: string }>>("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(rows[0]?.Value);
}

/** The local database server, whose CPU per call is printed beside the API's. */
const databaseServer = findProcess(['mariadbd', 'mysqld']);
const databaseCpuMs = () => (databaseServer === null ? Number.NaN : cpuMsOf(databaseServer));
/** A figure of the table, or n/a when there is no local database server to read it from. */
const milliseconds = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(3));

interface Cost {
  cpuMs: number;
  databaseCpuMs: number;
  statements: number;
  statuses: Record<number, number>;
}

/** Runs `step` once per buyer, CONCURRENCY at a time, and what it cost the API per call. */
async function measure(step: Step, group: Buyer[]): Promise<Cost> {
  const statuses: Record<number, number> = {};
  const [cpuBefore, questionsBefore, databaseBefore] = [await apiCpuSeconds(), await questions(), databaseCpuMs()];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < group.length; index = next++) {
        const buyer = group[index] as Buyer;
        const { status } = await step.call(buyer, index);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const [cpuAfter, questionsAfter, databaseAfter] = [await apiCpuSeconds(), await questions(), databaseCpuMs()];
  return {
    cpuMs: ((cpuAfter - cpuBefore) * 1_000) / group.length,
    databaseCpuMs: (databaseAfter - databaseBefore) / group.length,
    // The counter counts its own read once.
    statements: (questionsAfter - questionsBefore - 1) / group.length,
    statuses,
  };
}

function purchaseSteps(concertId: number, eventId: number): Step[] {
  const data = (answer: Answer) => answer.json?.data ?? {};
  // Read before anyone holds: buyer i holds the i-th seat.
  let seatIds: number[] = [];
  return [
    { name: 'GET /concerts (reference)', call: (buyer) => send('GET', '/api/v1/concerts', undefined, buyer.token) },
    { name: 'PATCH wallet/charge (new wallet)', call: (buyer) => send('PATCH', `/api/v1/users/${buyer.userId}/wallet/charge`, { amount: 10_000_000 }) },
    {
      name: 'POST queue/token',
      call: async (buyer) => {
        const answer = await send('POST', '/api/v1/queue/token', { userId: buyer.userId });
        buyer.token = data(answer).token as string;
        return answer;
      },
    },
    { name: 'GET queue/status', call: (buyer) => send('GET', '/api/v1/queue/status', undefined, buyer.token) },
    { name: 'GET available-events', call: (buyer) => send('GET', `/api/v1/concerts/${concertId}/available-events`, undefined, buyer.token) },
    {
      name: 'GET available-seats',
      call: async (buyer) => {
        const answer = await send('GET', `/api/v1/concert-events/${eventId}/available-seats`, undefined, buyer.token);
        if (seatIds.length === 0) seatIds = (answer.json?.list ?? []).map((seat) => seat.id);
        return answer;
      },
    },
    {
      name: 'POST occupy',
      call: async (buyer, index) => {
        const answer = await send('POST', `/api/v1/concert-events/${eventId}/occupy`, { seatId: seatIds[index] }, buyer.token);
        buyer.holdId = data(answer).id as number;
        return answer;
      },
    },
    {
      name: 'POST reserve',
      call: async (buyer) => {
        const answer = await send('POST', `/api/v1/concert-events/${eventId}/reserve`, { occupationId: buyer.holdId }, buyer.token);
        buyer.reservationId = data(answer).id as number;
        return answer;
      },
    },
    { name: 'POST payments', call: (buyer) => send('POST', '/api/v1/payments', { reservationId: buyer.reservationId }, buyer.token) },
  ];
}

let api: ChildProcess | undefined;
try {
  const now = new Date();
  const catalog = await insertCatalog(database.db, generatedCatalog({ concerts: 1, eventsPerConcert: rounds, seatsPerEvent: buyers, now }));
  api = await startProcess(
    'src/main.ts',
    [],
    {
      NODE_ENV: 'production',
      // A closed bench on loopback: user ids on trust, as the seed's clients send them.
      AUTH_ALLOW_OPEN_IN_PRODUCTION: 'true',
      LOG_LEVEL: 'warn',
      QUEUE_TOKEN_SECRET: 'purchase-benchmark-secret-of-at-least-32-chars',
      // Everyone admitted at once: the benchmark measures the steps, not the waiting room's pace.
      QUEUE_ADMISSIONS_PER_SECOND: '100000',
      // Thousands of buyers from this one address: more than the rate limits let one address send.
      RATE_LIMIT_ENABLED: 'false',
      QUEUE_MAX_ACTIVE_USERS: '1000000',
      DATABASE_URL: database.url,
      ...redis.settings,
      HOST: '127.0.0.1',
      PORT: '18191',
    },
    () => answers(`${base}/readyz`),
  );
  console.log(`Purchase cost: ${buyers} buyers per round, ${CONCURRENCY} calls at a time, ${rounds} rounds (the first warms up).`);
  const costs = new Map<string, Cost[]>();
  for (let round = 0; round < rounds; round += 1) {
    const eventId = catalog.eventIds[round] as number;
    const group = Array.from({ length: buyers }, (_, index): Buyer => ({ userId: 1_000_000 * (round + 1) + index }));
    for (const step of purchaseSteps(catalog.concertIds[0] as number, eventId)) {
      const cost = await measure(step, group);
      if (round > 0 || rounds === 1) costs.set(step.name, [...(costs.get(step.name) ?? []), cost]);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const reference = median((costs.get('GET /concerts (reference)') ?? []).map((cost) => cost.cpuMs));
  console.log('\n| step | API CPU ms per call (median) | × reference | database CPU ms per call | SQL statements per call | answers |');
  console.log('|---|---|---|---|---|---|');
  let purchase = 0;
  let purchaseDatabase = 0;
  for (const [name, list] of costs) {
    const cpuMs = median(list.map((cost) => cost.cpuMs));
    const databaseMs = median(list.map((cost) => cost.databaseCpuMs));
    if (!name.endsWith('(reference)')) {
      purchase += cpuMs;
      purchaseDatabase += databaseMs;
    }
    const statuses = Object.entries(list.at(-1)?.statuses ?? {})
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ');
    console.log(`| ${name} | ${cpuMs.toFixed(3)} | ${(cpuMs / reference).toFixed(1)} | ${milliseconds(databaseMs)} | ${median(list.map((cost) => cost.statements)).toFixed(1)} | ${statuses} |`);
  }
  console.log(`\nA purchase (the steps above but the reference, once each): ${purchase.toFixed(2)} ms of API CPU, ${(purchase / reference).toFixed(0)} × the reference; ${milliseconds(purchaseDatabase)} ms of database CPU.`);
} finally {
  await http.close();
  if (api) await stopProcess(api);
  await Promise.allSettled([database.destroy(), redis.destroy()]);
}
