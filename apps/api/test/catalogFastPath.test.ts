import { createServer, request, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { manualClock } from '@concert/domain';
import { catalogInvalidator } from '@concert/redis';
import { createConcert } from '@concert/testing';
import { getRequestListener } from '@hono/node-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFastPath } from '../src/http/catalogFastPath.js';
import { withinASecond } from './support/catalogCacheProbe.js';
import { createTestApp, type TestApp } from './support/testApp.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw HTTP GET: the bytes as sent (fetch would unzip them), on a fresh connection. */
const get = (port: number, path: string, headers: Record<string, string> = {}) =>
  new Promise<Answer>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });

const listen = (listener: RequestListener) =>
  new Promise<Server>((resolve) => {
    const server = createServer(listener);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** The app served twice on the same deps (one cache): by Hono alone, and with the fast path in front. */
function servedBothWays(settings: Record<string, string>) {
  const state = { t: undefined as unknown as TestApp, hono: 0, fast: 0, fellThrough: 0, logLines: [] as Array<Record<string, unknown>> };
  const servers: Server[] = [];
  beforeAll(async () => {
    // A frozen clock: the memory copy stays fresh until an invalidation drops it, never by its TTL.
    state.t = await createTestApp(settings, manualClock(new Date()));
    const honoListener = getRequestListener(state.t.app.fetch);
    servers.push(await listen(honoListener));
    // The fast path's own log lines (the Hono app logs to its silent logger).
    const lines = new Writable({
      write(chunk: Buffer, _encoding, done) {
        state.logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const deps = Object.assign(state.t.deps, { logger: pino(lines) });
    servers.push(
      await listen(
        catalogFastPath(deps, (incoming, outgoing) => {
          state.fellThrough += 1;
          return honoListener(incoming, outgoing);
        }),
      ),
    );
    state.hono = portOf(servers[0] as Server);
    state.fast = portOf(servers[1] as Server);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await state.t.destroy();
  });
  return state;
}

/** Everything but the date, which differs between any two answers. */
const comparable = ({ status, headers, body }: Answer) => {
  const { date: _date, ...rest } = headers;
  return { status, headers: rest, body: body.toString('base64') };
};

describe('catalog fast path (GET /api/v1/concerts from memory, in front of Hono)', () => {
  const s = servedBothWays({ CORS_ORIGINS: 'https://front.example' });

  it('answers cache hits itself with the very status, headers and bytes the Hono route sends', async () => {
    for (let index = 0; index < 30; index += 1) await createConcert(s.t.database.db, { title: `Concert ${index}` });
    const first = await get(s.fast, '/api/v1/concerts');
    expect(first.status).toBe(200);
    expect(s.fellThrough).toBe(1); // a miss: Hono loaded it

    const etag = String(first.headers.etag);
    const variants: Array<Record<string, string>> = [
      {},
      { 'Accept-Encoding': 'gzip, deflate' },
      { 'If-None-Match': etag },
      { 'If-None-Match': '"something-else"', 'Accept-Encoding': 'gzip' },
      { Origin: 'https://front.example', 'Accept-Encoding': 'gzip' },
      { Origin: 'https://elsewhere.example' },
    ];
    for (const variant of variants) {
      const headers = { 'X-Request-Id': 'same-id-for-both', ...variant };
      const viaHono = await get(s.hono, '/api/v1/concerts', headers);
      const viaFastPath = await get(s.fast, '/api/v1/concerts', headers);
      expect(comparable(viaFastPath), JSON.stringify(variant)).toEqual(comparable(viaHono));
    }
    expect(s.fellThrough).toBe(1);
    // A request id is made up when the client sends none (or one Hono would not keep).
    const ids = await Promise.all(
      ([{}, { 'X-Request-Id': 'not kept!' }] as Array<Record<string, string>>).map(async (headers) => (await get(s.fast, '/api/v1/concerts', headers)).headers['x-request-id']),
    );
    expect(ids).toEqual([expect.stringMatching(/^[\w-]{36}$/), expect.stringMatching(/^[\w-]{36}$/)]);
  });

  it('logs one line and counts the request as the Hono route would', async () => {
    const counted = async () =>
      (await s.t.deps.metrics.httpDuration.get()).values.find(
        ({ metricName, labels }) =>
          metricName === 'http_request_duration_seconds_count' && labels.route === '/api/v1/concerts' && labels.status === '200',
      )?.value ?? 0;
    const before = await counted();
    const linesBefore = s.logLines.length;
    await get(s.fast, '/api/v1/concerts', { 'X-Request-Id': 'traced-1' });
    expect(await counted()).toBe(before + 1);
    expect(s.logLines.slice(linesBefore)).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'traced-1',
        method: 'GET',
        route: '/api/v1/concerts',
        path: '/api/v1/concerts',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('leaves other requests to Hono: a query string, another route, an unknown path', async () => {
    const before = s.fellThrough;
    expect((await get(s.fast, '/api/v1/concerts?page=1')).status).toBe(200);
    expect((await get(s.fast, '/healthz')).status).toBe(200);
    expect((await get(s.fast, '/api/v1/nothing-here')).status).toBe(404);
    expect(s.fellThrough).toBe(before + 3);
  });

  it('stops serving the old list within a second of an invalidation from elsewhere (what the CLI does)', async () => {
    const titles = async () => (JSON.parse((await get(s.fast, '/api/v1/concerts')).body.toString()) as { list: Array<{ title: string }> }).list.map((c) => c.title);
    await titles();
    await createConcert(s.t.database.db, { title: 'Added later' });
    const fellThrough = s.fellThrough;
    // A write without an invalidation is not seen: the fast path really answers from memory.
    expect(await titles()).not.toContain('Added later');
    expect(s.fellThrough).toBe(fellThrough);

    await catalogInvalidator(s.t.redis.redis, s.t.deps.config.redis.keyPrefix).invalidate();
    expect(await withinASecond(titles, (list) => list.includes('Added later'))).toContain('Added later');
    expect(s.fellThrough).toBeGreaterThan(fellThrough);
  });
});

describe('catalog fast path with a gateway identity header (IDENTITY_HEADER)', () => {
  const s = servedBothWays({ IDENTITY_HEADER: 'X-User-Id' });

  it('answers only requests that carry the identity; Hono refuses the others as before', async () => {
    await createConcert(s.t.database.db);
    expect((await get(s.fast, '/api/v1/concerts', { 'X-User-Id': '7' })).status).toBe(200);
    const fellThrough = s.fellThrough;
    expect((await get(s.fast, '/api/v1/concerts', { 'X-User-Id': '7' })).status).toBe(200);
    expect(s.fellThrough).toBe(fellThrough);
    const viaHono = await get(s.hono, '/api/v1/concerts');
    const viaFastPath = await get(s.fast, '/api/v1/concerts');
    expect(viaFastPath.status).toBeGreaterThanOrEqual(400);
    expect(comparable(viaFastPath).body).toEqual(comparable(viaHono).body);
    expect(s.fellThrough).toBe(fellThrough + 1);
  });
});
