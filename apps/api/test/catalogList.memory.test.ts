import { Writable } from 'node:stream';
import { manualClock } from '@concert/domain';
import { catalogInvalidator } from '@concert/redis';
import { createConcert, gatewaySettings } from '@concert/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createMetrics } from '../src/observability/metrics.js';
import { listenCatalogInvalidations } from '../src/wiring/catalogCache.js';
import { cacheOutcomes, withinASecond } from './support/catalogCacheProbe.js';
import { createTestApp, type TestApp } from './support/testApp.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The bytes as sent: app.request does not unzip them. */
  body: string;
}

const LIST = '/api/v1/concerts';

const answerOf = async (response: Response): Promise<Answer> => ({
  status: response.status,
  headers: Object.fromEntries(response.headers),
  body: Buffer.from(await response.arrayBuffer()).toString('base64'),
});

/**
 * The list served two ways on one database: by an app whose catalog cache keeps a memory copy
 * (logging to `logLines`), and by one with the cache off that loads every answer from MySQL.
 */
function cachedAndUncached(settings: Record<string, string>) {
  const state = {
    t: undefined as unknown as TestApp,
    cached: undefined as unknown as App,
    uncached: undefined as unknown as App,
    logLines: [] as Array<Record<string, unknown>>,
    stopListening: (): Promise<void> => Promise.resolve(),
  };
  beforeAll(async () => {
    // A frozen clock: the memory copy stays fresh until an invalidation drops it, never by its TTL.
    state.t = await createTestApp(settings, manualClock(new Date()));
    const lines = new Writable({
      write(chunk: Buffer, _encoding, done) {
        state.logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const cached = createApp({ ...state.t.deps, logger: pino(lines) });
    state.cached = cached.app;
    state.stopListening = await listenCatalogInvalidations(cached.services.catalogCache);
    const config = state.t.deps.config;
    state.uncached = createApp({
      ...state.t.deps,
      metrics: createMetrics(),
      config: { ...config, catalogCache: { ...config.catalogCache, enabled: false } },
    }).app;
  });
  afterAll(async () => {
    await state.stopListening();
    await state.t.destroy();
  });
  return state;
}

/** Everything but the date, which differs between any two answers, and a request id the app made up. */
const comparable = ({ headers, ...rest }: Answer, clientRequestId: string | undefined) => {
  const { date: _date, 'x-request-id': requestId, ...kept } = headers;
  return { ...rest, headers: clientRequestId === undefined ? kept : { ...kept, 'x-request-id': requestId } };
};

describe('GET /api/v1/concerts from the memory copy, through the whole app', () => {
  const s = cachedAndUncached({ CORS_ORIGINS: 'https://front.example' });
  const loads = async () => (await s.t.deps.metrics.catalogCacheLoads.get()).values[0]?.value ?? 0;
  const memoryHits = async () => (await cacheOutcomes(s.t.deps)).memory_hit ?? 0;

  it('answers memory hits with the very status, headers and bytes a fresh load from MySQL sends', async () => {
    for (let index = 0; index < 30; index += 1) await createConcert(s.t.database.db, { title: `Concert ${index}` });
    const first = await answerOf(await s.cached.request(LIST));
    expect(first.status).toBe(200);
    expect(await loads()).toBe(1);

    const etag = String(first.headers.etag);
    const variants: Array<Record<string, string>> = [
      {},
      { 'Accept-Encoding': 'gzip, deflate' },
      { 'If-None-Match': etag },
      { 'If-None-Match': '"something-else"', 'Accept-Encoding': 'gzip' },
      { Origin: 'https://front.example', 'Accept-Encoding': 'gzip' },
      { Origin: 'https://elsewhere.example' },
    ];
    const hitsBefore = await memoryHits();
    // With and without a client's request id: the answers from memory without one are sent before
    // the middleware chain runs, with the headers it gave the list (security headers, CORS…).
    for (const clientRequestId of ['same-id-for-both', undefined]) {
      for (const variant of variants) {
        const headers = clientRequestId === undefined ? variant : { 'X-Request-Id': clientRequestId, ...variant };
        const fresh = await answerOf(await s.uncached.request(LIST, { headers }));
        const fromMemory = await answerOf(await s.cached.request(LIST, { headers }));
        expect(comparable(fromMemory, clientRequestId), JSON.stringify(headers)).toEqual(comparable(fresh, clientRequestId));
        expect(fromMemory.headers['content-security-policy'], JSON.stringify(headers)).toBeDefined();
      }
    }
    expect(await loads()).toBe(1);
    expect(await memoryHits()).toBe(hitsBefore + 2 * variants.length);
    // A request id is made up when the client sends none (or one the app would not keep).
    const ids = await Promise.all(
      ([{}, { 'X-Request-Id': 'not kept!' }] as Array<Record<string, string>>).map(
        async (headers) => (await s.cached.request(LIST, { headers })).headers.get('x-request-id'),
      ),
    );
    expect(ids).toEqual([expect.stringMatching(/^[\w-]{36}$/), expect.stringMatching(/^[\w-]{36}$/)]);
  });

  it('logs one line and counts the request, as every route does, with or without a client request id', async () => {
    const counted = async () =>
      (await s.t.deps.metrics.httpDuration.get()).values.find(
        ({ metricName, labels }) =>
          metricName === 'http_request_duration_seconds_count' && labels.route === LIST && labels.status === '200',
      )?.value ?? 0;
    await s.cached.request(LIST);
    for (const headers of [{ 'X-Request-Id': 'traced-1' }, {}] as Array<Record<string, string>>) {
      const before = await counted();
      const linesBefore = s.logLines.length;
      const answer = await s.cached.request(LIST, { headers });
      expect(await counted()).toBe(before + 1);
      expect(s.logLines.slice(linesBefore)).toEqual([
        expect.objectContaining({
          msg: 'request',
          requestId: answer.headers.get('x-request-id'),
          method: 'GET',
          route: LIST,
          path: LIST,
          status: 200,
          durationMs: expect.any(Number),
        }),
      ]);
    }
  });

  it('answers a query string, another route and an unknown path as before', async () => {
    expect((await s.cached.request(`${LIST}?page=1`)).status).toBe(200);
    expect((await s.cached.request('/healthz')).status).toBe(200);
    expect((await s.cached.request('/api/v1/nothing-here')).status).toBe(404);
  });

  it('stops serving the old list within a second of an invalidation from elsewhere (what the CLI does)', async () => {
    const titles = async () =>
      ((await (await s.cached.request(LIST)).json()) as { list: Array<{ title: string }> }).list.map((c) => c.title);
    await titles();
    await createConcert(s.t.database.db, { title: 'Added later' });
    const loadsBefore = await loads();
    // A write without an invalidation is not seen: the list really comes from memory.
    expect(await titles()).not.toContain('Added later');
    expect(await loads()).toBe(loadsBefore);

    await catalogInvalidator(s.t.redis.redis, s.t.deps.config.redis.keyPrefix).invalidate();
    expect(await withinASecond(titles, (list) => list.includes('Added later'))).toContain('Added later');
    expect(await loads()).toBeGreaterThan(loadsBefore);
  });
});

describe('GET /api/v1/concerts from memory with a gateway identity header (IDENTITY_HEADER)', () => {
  const s = cachedAndUncached(gatewaySettings('X-User-Id'));

  it('answers only requests that carry the identity, from memory; refuses the others as a fresh load would', async () => {
    await createConcert(s.t.database.db);
    expect((await s.cached.request(LIST, { headers: { 'X-User-Id': '7' } })).status).toBe(200);
    const hits = (await cacheOutcomes(s.t.deps)).memory_hit ?? 0;
    expect((await s.cached.request(LIST, { headers: { 'X-User-Id': '7' } })).status).toBe(200);
    expect((await cacheOutcomes(s.t.deps)).memory_hit).toBe(hits + 1);
    const fresh = await answerOf(await s.uncached.request(LIST));
    const refused = await answerOf(await s.cached.request(LIST));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body).toEqual(fresh.body);
    expect((await cacheOutcomes(s.t.deps)).memory_hit).toBe(hits + 1);
  });
});
