import { operations, streamOperations, type Operation } from '@concert/contract';
import { uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeToken } from './support/queue.js';
import { queueCalls } from './support/queueCalls.js';
import { createTestApp, type TestApp } from './support/testApp.js';

/** A call of the operation with every path parameter 1 and an empty JSON body where it takes one. */
const requestOf = (operation: Operation, headers: Record<string, string> = {}) => ({
  path: operation.path.replaceAll(/\{\w+\}/g, '1'),
  init: {
    method: operation.method.toUpperCase(),
    headers: { ...(operation.body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(operation.body ? { body: '{}' } : {}),
  },
});

// The streams too (the live seat map): their gate answers before any stream opens.
const every: Operation[] = [...Object.values(operations), ...Object.values(streamOperations)];
const gated = every.filter((operation) => operation.auth === 'queueToken');
const errorCodeOf = async (response: Response) => ((await response.json()) as { error?: { code: string } }).error?.code;

describe("every operation's gate comes from its contract", () => {
  let t: TestApp;
  beforeAll(async () => {
    // One active user at most: the second one waits.
    t = await createTestApp({ QUEUE_MAX_ACTIVE_USERS: '1' });
  });
  afterAll(() => t.destroy());

  const call = (operation: Operation, headers?: Record<string, string>) => {
    const { path, init } = requestOf(operation, headers);
    return t.app.request(path, init);
  };

  it('answers every gated operation 401 token_missing without a token, and token_invalid with a forged one', async () => {
    for (const operation of gated) {
      const missing = await call(operation);
      expect([operation.operationId, missing.status, await errorCodeOf(missing)]).toEqual([operation.operationId, 401, 'token_missing']);
      const forged = await call(operation, { 'User-Token': 'not-a-token' });
      expect([operation.operationId, forged.status, await errorCodeOf(forged)]).toEqual([operation.operationId, 401, 'token_invalid']);
    }
  });

  it('turns a waiting token away from every operation that needs an active place, before its input is read', async () => {
    await activeToken(t.app, uniqueUserId());
    const waiting = await queueCalls(t.app).enter(uniqueUserId());
    expect(waiting.body.data?.status).toBe('WAITING');
    const token = waiting.body.data?.token ?? '';
    for (const operation of gated.filter(({ queuePlace }) => (queuePlace ?? 'active') === 'active')) {
      // The empty body would be a 400: the gate answers first.
      const answer = await call(operation, { 'User-Token': token });
      expect([operation.operationId, answer.status, await errorCodeOf(answer)]).toEqual([operation.operationId, 403, 'token_not_active']);
    }
  });

  it('sends every answer through the global middleware (a request id on each), open and gated alike', async () => {
    for (const operation of every) {
      const answer = await call(operation, { 'X-Request-Id': `probe-${operation.operationId}` });
      expect([operation.operationId, answer.headers.get('x-request-id')]).toEqual([operation.operationId, `probe-${operation.operationId}`]);
    }
  });
});
