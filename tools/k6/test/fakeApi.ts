/**
 * A small in-memory stand-in for the API, speaking the contract the scenarios use
 * (`/work/shared/seed/api-contract.md`): enough to drive the runner in CI without MySQL or Redis.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeApiOptions {
  seats: number;
  /** Make every payment fail with a 500, to cross the error-rate threshold. */
  failPayments?: boolean;
  /** Refuse the first this many token requests with 503 overloaded and Retry-After: 1, as a shedding API does. */
  shedTokens?: number;
}

interface Hold {
  id: number;
  userId: number;
  seatId: number;
}

type Reply = [status: number, body: unknown];
type Handler = (match: RegExpExecArray, body: Record<string, number>, userId: number | null) => Reply;

const taken: Reply = [409, { error: { code: 'seat_unavailable', message: 'The seat is taken.' } }];
const overloaded: Reply = [503, { error: { code: 'overloaded', message: 'Busy.', details: { shedClass: 'entry', retryAfterSeconds: 1 } } }];
const forbidden: Reply = [403, { error: { code: 'token_not_active', message: 'Not admitted.' } }];

export async function startFakeApi(options: FakeApiOptions) {
  const wallets = new Map<number, number>();
  const tokens = new Map<string, { userId: number; polls: number }>();
  const available = new Set(Array.from({ length: options.seats }, (_, index) => index + 1));
  const holds = new Map<number, Hold>();
  const reservations = new Map<number, Hold & { amount: number }>();
  const counts = { paid: 0, requests: 0, left: 0, shed: 0, seatMaps: 0 };
  const price = 1000;
  let nextId = 1;

  const routes: Array<[string, RegExp, Handler]> = [
    ['PATCH', /^\/api\/v1\/users\/(\d+)\/wallet\/charge$/, (m, body) => {
      const userId = Number(m[1]);
      wallets.set(userId, (wallets.get(userId) ?? 0) + (body['amount'] ?? 0));
      return [200, { data: { balance: wallets.get(userId) } }];
    }],
    ['POST', /^\/api\/v1\/queue\/token$/, (_, body) => {
      const token = `t${nextId++}`;
      tokens.set(token, { userId: body['userId'] ?? 0, polls: 0 });
      return [200, { data: { token, estimatedWaitingTime: 1 } }];
    }],
    ['GET', /^\/api\/v1\/concerts$/, () => [200, { list: [{ id: 1, title: 'Fake', singer: 'Fake', description: '' }] }]],
    ['GET', /^\/api\/v1\/concerts\/1\/available-events$/, () => [200, { list: [{ id: 7, date: '2030-01-01T19:00:00Z' }] }]],
    ['GET', /^\/api\/v1\/concert-events\/7\/available-seats$/, () => {
      counts.seatMaps++;
      return [200, { list: [...available].map((id) => ({ id, seatNumber: id, price })) }];
    }],
    ['POST', /^\/api\/v1\/concert-events\/7\/occupy$/, (_, body, userId) => {
      const seatId = body['seatId'] ?? 0;
      if (userId === null) return forbidden;
      if (!available.delete(seatId)) return taken;
      const hold = { id: nextId++, userId, seatId };
      holds.set(hold.id, hold);
      return [200, { data: { id: hold.id, expiresAt: '2030-01-01T00:05:00Z' } }];
    }],
    ['POST', /^\/api\/v1\/concert-events\/7\/reserve$/, (_, body, userId) => {
      const hold = holds.get(body['occupationId'] ?? 0);
      if (hold === undefined || hold.userId !== userId) return [404, { error: { code: 'occupation_not_found', message: '' } }];
      holds.delete(hold.id);
      const reservation = { ...hold, id: nextId++, amount: price };
      reservations.set(reservation.id, reservation);
      return [200, { data: { id: reservation.id, status: 'PENDING', totalSeats: 1, totalAmount: price } }];
    }],
    ['POST', /^\/api\/v1\/payments$/, (_, body, userId) => {
      const reservation = reservations.get(body['reservationId'] ?? 0);
      if (options.failPayments) return [500, { error: { code: 'internal', message: 'Failing on purpose.' } }];
      if (reservation === undefined || reservation.userId !== userId) return [404, { error: { code: 'reservation_not_found', message: '' } }];
      reservations.delete(reservation.id);
      counts.paid++;
      return [200, { data: { id: nextId++, reservationId: reservation.id, amount: price, status: 'PAID' } }];
    }],
  ];

  /** A token is admitted on its second status poll, so the runner's polling is exercised. */
  const status = (token: string | undefined): Reply => {
    const entry = token === undefined ? undefined : tokens.get(token);
    if (entry === undefined) return [401, { error: { code: 'token_invalid', message: '' } }];
    entry.polls++;
    const eventsOnSale = available.size > 0 ? [7] : [];
    return [200, { data: { position: entry.polls > 1 ? 0 : 1, estimatedWaitingTime: 0, eventsOnSale } }];
  };

  const handle = (request: IncomingMessage, text: string): Reply => {
    const path = request.url ?? '';
    if (request.method === 'POST' && path === '/api/v1/queue/token' && counts.shed < (options.shedTokens ?? 0)) {
      counts.shed++;
      return overloaded;
    }
    const token = request.headers['user-token'] as string | undefined;
    if (request.method === 'GET' && path === '/api/v1/queue/status') return status(token);
    if (request.method === 'DELETE' && path === '/api/v1/queue/token') {
      if (token === undefined || !tokens.delete(token)) return [401, { error: { code: 'token_invalid', message: '' } }];
      counts.left++;
      return [200, { data: { status: 'LEFT' } }];
    }
    const active = token === undefined ? undefined : tokens.get(token);
    const userId = active !== undefined && active.polls > 1 ? active.userId : null;
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, number>);
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(path);
      if (match && method === request.method) return handler(match, body, userId);
    }
    return [404, { error: { code: 'not_found', message: path } }];
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      counts.requests++;
      const [statusCode, body] = handle(request, text);
      const retryAfter = statusCode === 503 ? { 'retry-after': '1' } : {};
      response.writeHead(statusCode, { 'content-type': 'application/json', ...retryAfter }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    seatsLeft: () => available.size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
