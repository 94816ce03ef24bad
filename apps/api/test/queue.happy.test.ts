import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeToken } from './support/queue.js';
import { queueCalls } from './support/queueCalls.js';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('waiting room: joining, polling and leaving', () => {
  let t: TestApp;
  const clock = manualClock();
  beforeAll(async () => {
    t = await createTestApp({ QUEUE_MAX_ACTIVE_USERS: '2' }, clock);
  });
  afterAll(() => t.destroy());
  const calls = () => queueCalls(t.app);

  it('admits the first user at once when nobody waits, and status says position 0', async () => {
    const token = await activeToken(t.app, uniqueUserId());
    expect(await calls().status(token)).toEqual({
      status: 200,
      body: { data: { status: 'ACTIVE', position: 0, estimatedWaitingTime: 0, eventsOnSale: [] } },
    });
  });

  it('puts users in line past the cap, FIFO, and admits them as slots free', async () => {
    const second = await activeToken(t.app, uniqueUserId());
    const [a, b, c] = [uniqueUserId(), uniqueUserId(), uniqueUserId()];
    const entered = [await calls().enter(a), await calls().enter(b), await calls().enter(c)];
    expect(entered.map((e) => [e.status, e.body.data?.status, e.body.data?.position])).toEqual([
      [200, 'WAITING', 1],
      [200, 'WAITING', 2],
      [200, 'WAITING', 3],
    ]);
    expect(entered[0]?.body.data?.estimatedWaitingTime).toBeGreaterThan(0);

    await calls().leave(second);
    expect(await t.services.queue.store.admit(clock.now())).toBe(1);
    const [tokenA, tokenB] = entered.map((e) => e.body.data?.token ?? '');
    expect((await calls().status(tokenA ?? '')).body.data).toMatchObject({ status: 'ACTIVE', position: 0 });
    expect((await calls().status(tokenB ?? '')).body.data).toMatchObject({ status: 'WAITING', position: 1 });
  });

  it('gives a user who asks again the same place and a token that works, without voiding the first', async () => {
    const user = uniqueUserId();
    const first = await calls().enter(user);
    const again = await calls().enter(user);
    expect(again.body.data?.position).toBe(first.body.data?.position);
    expect(again.body.data?.token).not.toBe(first.body.data?.token);
    for (const token of [first.body.data?.token, again.body.data?.token]) {
      expect((await calls().status(token ?? '')).body.data?.position).toBe(first.body.data?.position);
    }
  });

  it('answers token_expired once the user has left', async () => {
    const user = uniqueUserId();
    const { body } = await calls().enter(user);
    expect(await calls().leave(body.data?.token ?? '')).toEqual({ status: 200, body: { data: { status: 'LEFT' } } });
    const after = await calls().status(body.data?.token ?? '');
    expect([after.status, after.body.error?.code]).toEqual([401, 'token_expired']);
  });

  it('refuses a bad userId naming the field, and changes nothing', async () => {
    for (const userId of [-1, 1.5, 'abc']) {
      const response = await t.app.request('/api/v1/queue/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; details: { field: string }[] } };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.details.map((d) => d.field)).toContain('userId');
    }
  });
});

describe('waiting room in the OpenAPI document', () => {
  it('documents the three operations, the token-bearing ones under the User-Token scheme', async () => {
    const t = await createTestApp();
    try {
      const document = (await (await t.app.request('/openapi.json')).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(document.paths['/api/v1/queue/token'] ?? {}).sort()).toEqual(['delete', 'post']);
      expect(document.paths['/api/v1/queue/status']?.get).toMatchObject({ security: [{ UserToken: [] }] });
    } finally {
      await t.destroy();
    }
  });
});
