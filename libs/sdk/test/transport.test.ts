import type { ServerResponse } from 'node:http';
import { dataEnvelope, defineOperation, idParam } from '@concert/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ContractError, NetworkError } from '../src/errors.js';
import { retryAfterJitter, retryAfterMs } from '../src/retryPolicy.js';
import { Transport } from '../src/transport.js';
import { drop, hang, json, scriptedServer } from './support/scriptedServer.js';

const getThing = defineOperation({
  operationId: 'getThing',
  method: 'get',
  path: '/api/v1/things/{thingId}',
  summary: 'A thing',
  tags: ['test'],
  auth: 'queueToken',
  shedClass: 'browse',
  params: z.object({ thingId: idParam }),
  query: z.object({ verbose: z.boolean().optional() }),
  response: dataEnvelope(z.object({ id: z.number() })),
  errors: { 404: 'No such thing' },
});

const payThing = defineOperation({
  operationId: 'payThing',
  method: 'post',
  path: '/api/v1/pay',
  summary: 'Pay',
  tags: ['test'],
  auth: 'queueToken',
  shedClass: 'browse',
  idempotent: true,
  body: z.object({ amount: z.number() }),
  response: dataEnvelope(z.object({ paid: z.number() })),
  errors: {},
});

const makeThing = defineOperation({
  operationId: 'makeThing',
  method: 'post',
  path: '/api/v1/things',
  summary: 'Make',
  tags: ['test'],
  auth: 'none',
  shedClass: 'browse',
  body: z.object({ name: z.string() }),
  response: dataEnvelope(z.object({ id: z.number() })),
  errors: {},
});

const server = scriptedServer();

const transport = (token?: string) =>
  new Transport({ baseUrl: server.baseUrl, timeoutMs: 300, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 10 } }, { token });

describe('Transport', () => {
  it('builds the path and query, sends the token, and returns the parsed answer', async () => {
    server.script = [json(200, { data: { id: 7 } })];
    const result = await transport('tok-1').call(getThing, { thingId: 7, verbose: true });
    expect(result).toEqual({ data: { id: 7 } });
    expect(server.seen[0]?.url).toBe('/api/v1/things/7?verbose=true');
    expect(server.seen[0]?.headers['user-token']).toBe('tok-1');
  });

  it('sends the bearer token as Authorization, asking a token function afresh for every call', async () => {
    server.script = [json(200, { data: { id: 1 } }), json(200, { data: { id: 2 } }), json(200, { data: { id: 3 } })];
    await new Transport({ baseUrl: server.baseUrl, bearerToken: 'fixed' }, { token: undefined }).call(getThing, { thingId: 1 });
    let issued = 0;
    const refreshing = new Transport(
      { baseUrl: server.baseUrl, bearerToken: async () => `access-${++issued}` },
      { token: undefined },
    );
    await refreshing.call(getThing, { thingId: 2 });
    await refreshing.call(getThing, { thingId: 3 });
    expect(server.seen.map((request) => request.headers.authorization)).toEqual(['Bearer fixed', 'Bearer access-1', 'Bearer access-2']);
  });

  it('turns an error envelope into a typed ApiError with code, status and request id', async () => {
    server.script = [json(404, { error: { code: 'thing_not_found', message: 'No thing 7.' } })];
    const error = await transport().call(getThing, { thingId: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'thing_not_found', message: 'No thing 7.', requestId: 'req-1' });
    expect(server.seen).toHaveLength(1);
  });

  it('retries a safe request on 5xx and on a dropped connection, with backoff', async () => {
    server.script = [json(503, { error: { code: 'x', message: 'x' } }), drop(), json(200, { data: { id: 1 } })];
    expect(await transport().call(getThing, { thingId: 1 })).toEqual({ data: { id: 1 } });
    expect(server.seen).toHaveLength(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    server.script = [json(500, { error: { code: 'a', message: 'a' } }), json(500, { error: { code: 'b', message: 'b' } }), json(502, { error: { code: 'c', message: 'c' } })];
    await expect(transport().call(getThing, { thingId: 1 })).rejects.toMatchObject({ status: 502, code: 'c' });
    expect(server.seen).toHaveLength(3);
  });

  it('never retries an unsafe request without an idempotency key', async () => {
    server.script = [json(500, { error: { code: 'boom', message: 'boom' } })];
    await expect(transport().call(makeThing, { name: 'x' })).rejects.toMatchObject({ status: 500 });
    server.script = [drop()];
    await expect(transport().call(makeThing, { name: 'x' })).rejects.toBeInstanceOf(NetworkError);
    expect(server.seen).toHaveLength(2);
  });

  it('sends an Idempotency-Key on idempotent calls and keeps it across its retries', async () => {
    server.script = [drop(), json(200, { data: { paid: 5 } })];
    expect(await transport().call(payThing, { amount: 5 })).toEqual({ data: { paid: 5 } });
    expect(server.seen).toHaveLength(2);
    const [first, second] = server.seen.map((request) => request.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ amount: 5 });
  });

  it('uses the caller idempotency key when given', async () => {
    server.script = [json(200, { data: { paid: 5 } })];
    await transport().call(payThing, { amount: 5 }, { idempotencyKey: 'my-key' });
    expect(server.seen[0]?.headers['idempotency-key']).toBe('my-key');
  });

  it('times out a hanging attempt, then retries it', async () => {
    server.script = [hang(), json(200, { data: { id: 3 } })];
    expect(await transport().call(getThing, { thingId: 3 })).toEqual({ data: { id: 3 } });
    expect(server.seen).toHaveLength(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    server.script = [hang(), hang(), hang()];
    const controller = new AbortController();
    const call = transport().call(getThing, { thingId: 1 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left the page')), 50);
    await expect(call).rejects.toThrow('user left the page');
    expect(server.seen).toHaveLength(1);
  });

  it('stops during the backoff when the caller aborts, without the next attempt', async () => {
    const controller = new AbortController();
    // The caller leaves while the first 503 is on its way: the retry's pause must end at once.
    const abortThen503 = (response: ServerResponse) => {
      controller.abort(new Error('user left'));
      json(503, { error: { code: 'x', message: 'x' } })(response);
    };
    server.script = [abortThen503, json(200, { data: { id: 1 } })];
    const slowRetries = new Transport({ baseUrl: server.baseUrl, retry: { retries: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 } }, { token: undefined });
    await expect(slowRetries.call(getThing, { thingId: 1 }, { signal: controller.signal })).rejects.toThrow('user left');
    expect(server.seen).toHaveLength(1);
  });

  it('turns a non-JSON error page (a proxy in front) into an ApiError once the retries are spent', async () => {
    const badGateway = (response: ServerResponse) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad Gateway</html>');
    };
    server.script = [badGateway, badGateway, badGateway];
    await expect(transport().call(getThing, { thingId: 1 })).rejects.toMatchObject({
      name: 'ApiError',
      status: 502,
      code: 'http_error',
      details: '<html>Bad Gateway</html>',
    });
    expect(server.seen).toHaveLength(3);
  });

  it('reports an answer that breaks the contract', async () => {
    server.script = [json(200, { data: { id: 'seven' } })];
    await expect(transport().call(getThing, { thingId: 7 })).rejects.toBeInstanceOf(ContractError);
  });

  describe('Retry-After', () => {
    const limited = (seconds: string) => json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': seconds });

    it('waits as told after a 429 and retries, even a call that is not idempotent (refused before any work)', async () => {
      server.script = [limited('1'), json(200, { data: { id: 4 } })];
      const started = Date.now();
      expect(await transport().call(makeThing, { name: 'x' })).toEqual({ data: { id: 4 } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(server.seen).toHaveLength(2);
    });

    it('waits as told after a 503 of a safe call', async () => {
      server.script = [json(503, { error: { code: 'database_unavailable', message: 'x' } }, { 'retry-after': '1' }), json(200, { data: { id: 2 } })];
      const started = Date.now();
      expect(await transport().call(getThing, { thingId: 2 })).toEqual({ data: { id: 2 } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('retries a call that is not idempotent after a 503 overloaded (refused before any work), but not after another 503', async () => {
      const refused = (code: string) => json(503, { error: { code, message: 'x' } }, { 'retry-after': '1' });
      server.script = [refused('overloaded'), json(200, { data: { id: 5 } })];
      expect(await transport().call(makeThing, { name: 'x' })).toEqual({ data: { id: 5 } });
      expect(server.seen).toHaveLength(2);
      server.seen.length = 0;
      server.script = [refused('database_unavailable'), json(200, { data: { id: 6 } })];
      await expect(transport().call(makeThing, { name: 'x' })).rejects.toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(server.seen).toHaveLength(1);
    });

    it('waits up to half as long again as told, at random, never less', () => {
      expect([0, 0.5, 1].map((random) => retryAfterJitter(1_000, () => random))).toEqual([1_000, 1_250, 1_500]);
    });

    it('leaves a wait longer than maxRetryAfterMs to the caller, saying how long', async () => {
      server.script = [limited('120')];
      const error = await transport().call(makeThing, { name: 'x' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 120 });
      expect(server.seen).toHaveLength(1);
    });

    it('reads an HTTP date too', () => {
      const now = Date.parse('2026-01-01T00:00:00Z');
      expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
      expect(retryAfterMs('7', now)).toBe(7_000);
      expect(retryAfterMs('soon', now)).toBeUndefined();
      expect(retryAfterMs(null, now)).toBeUndefined();
    });
  });
});
