import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dataEnvelope, defineOperation, idParam } from '@concert/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ContractError, NetworkError } from '../src/errors.js';
import { Transport } from '../src/transport.js';

const getThing = defineOperation({
  operationId: 'getThing',
  method: 'get',
  path: '/api/v1/things/{thingId}',
  summary: 'A thing',
  tags: ['test'],
  auth: 'queueToken',
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
  body: z.object({ name: z.string() }),
  response: dataEnvelope(z.object({ id: z.number() })),
  errors: {},
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A scripted server: each request takes the next answer; it records what it saw. */
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let script: Array<(response: ServerResponse) => void> = [];

const json = (status: number, body: unknown) => (response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
  response.end(JSON.stringify(body));
};
const hang = () => () => undefined;
const drop = () => (response: ServerResponse) => response.socket?.destroy();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const next = script.shift() ?? json(500, { error: { code: 'unscripted', message: 'no answer scripted' } });
      next(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
  script = [];
});

const transport = (token?: string) =>
  new Transport({ baseUrl, timeoutMs: 300, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 10 } }, { token });

describe('Transport', () => {
  it('builds the path and query, sends the token, and returns the parsed answer', async () => {
    script = [json(200, { data: { id: 7 } })];
    const result = await transport('tok-1').call(getThing, { thingId: 7, verbose: true });
    expect(result).toEqual({ data: { id: 7 } });
    expect(seen[0]?.url).toBe('/api/v1/things/7?verbose=true');
    expect(seen[0]?.headers['user-token']).toBe('tok-1');
  });

  it('turns an error envelope into a typed ApiError with code, status and request id', async () => {
    script = [json(404, { error: { code: 'thing_not_found', message: 'No thing 7.' } })];
    const error = await transport().call(getThing, { thingId: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'thing_not_found', message: 'No thing 7.', requestId: 'req-1' });
    expect(seen).toHaveLength(1);
  });

  it('retries a safe request on 5xx and on a dropped connection, with backoff', async () => {
    script = [json(503, { error: { code: 'x', message: 'x' } }), drop(), json(200, { data: { id: 1 } })];
    expect(await transport().call(getThing, { thingId: 1 })).toEqual({ data: { id: 1 } });
    expect(seen).toHaveLength(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    script = [json(500, { error: { code: 'a', message: 'a' } }), json(500, { error: { code: 'b', message: 'b' } }), json(502, { error: { code: 'c', message: 'c' } })];
    await expect(transport().call(getThing, { thingId: 1 })).rejects.toMatchObject({ status: 502, code: 'c' });
    expect(seen).toHaveLength(3);
  });

  it('never retries an unsafe request without an idempotency key', async () => {
    script = [json(500, { error: { code: 'boom', message: 'boom' } })];
    await expect(transport().call(makeThing, { name: 'x' })).rejects.toMatchObject({ status: 500 });
    script = [drop()];
    await expect(transport().call(makeThing, { name: 'x' })).rejects.toBeInstanceOf(NetworkError);
    expect(seen).toHaveLength(2);
  });

  it('sends an Idempotency-Key on idempotent calls and keeps it across its retries', async () => {
    script = [drop(), json(200, { data: { paid: 5 } })];
    expect(await transport().call(payThing, { amount: 5 })).toEqual({ data: { paid: 5 } });
    expect(seen).toHaveLength(2);
    const [first, second] = seen.map((request) => request.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ amount: 5 });
  });

  it('uses the caller idempotency key when given', async () => {
    script = [json(200, { data: { paid: 5 } })];
    await transport().call(payThing, { amount: 5 }, { idempotencyKey: 'my-key' });
    expect(seen[0]?.headers['idempotency-key']).toBe('my-key');
  });

  it('times out a hanging attempt, then retries it', async () => {
    script = [hang(), json(200, { data: { id: 3 } })];
    expect(await transport().call(getThing, { thingId: 3 })).toEqual({ data: { id: 3 } });
    expect(seen).toHaveLength(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    script = [hang(), hang(), hang()];
    const controller = new AbortController();
    const call = transport().call(getThing, { thingId: 1 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left the page')), 50);
    await expect(call).rejects.toThrow('user left the page');
    expect(seen).toHaveLength(1);
  });

  it('reports an answer that breaks the contract', async () => {
    script = [json(200, { data: { id: 'seven' } })];
    await expect(transport().call(getThing, { thingId: 7 })).rejects.toBeInstanceOf(ContractError);
  });
});
