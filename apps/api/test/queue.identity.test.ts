import { gatewaySettings, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatedProbe } from './support/gatedProbe.js';
import { activeToken } from './support/queue.js';
import { queueCalls } from './support/queueCalls.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const HEADER = 'X-Authenticated-User';

describe('IDENTITY_HEADER: the gateway vouches for the user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(gatewaySettings(HEADER));
  });
  afterAll(() => t.destroy());

  it('answers 401 identity_missing to an API request without the header', async () => {
    const answer = await queueCalls(t.app).enter(uniqueUserId());
    expect([answer.status, answer.body.error?.code]).toEqual([401, 'identity_missing']);
    const wallet = await t.app.request('/api/v1/users/5/wallet');
    expect(wallet.status).toBe(401);
  });

  it('answers 403 identity_mismatch when the request acts for another user', async () => {
    const [me, other] = [uniqueUserId(), uniqueUserId()];
    const asMe = { [HEADER]: String(me) };
    const answer = await queueCalls(t.app, asMe).enter(other);
    expect([answer.status, answer.body.error?.code]).toEqual([403, 'identity_mismatch']);
    const wallet = await t.app.request(`/api/v1/users/${other}/wallet`, { headers: asMe });
    expect(((await wallet.json()) as { error: { code: string } }).error.code).toBe('identity_mismatch');

    const othersToken = await activeToken(t.app, other, { [HEADER]: String(other) });
    const status = await queueCalls(t.app, asMe).status(othersToken);
    expect([status.status, status.body.error?.code]).toEqual([403, 'identity_mismatch']);
    const gated = await gatedProbe(t.services).request('/probe', { headers: { 'User-Token': othersToken, ...asMe } });
    expect(gated.status).toBe(403);
  });

  it('lets the same user through', async () => {
    const me = uniqueUserId();
    const asMe = { [HEADER]: String(me) };
    const token = await activeToken(t.app, me, asMe);
    expect((await queueCalls(t.app, asMe).status(token)).status).toBe(200);
    const gated = await gatedProbe(t.services).request('/probe', { headers: { 'User-Token': token, ...asMe } });
    expect(await gated.json()).toEqual({ data: { userId: me, active: true } });
  });

  it('leaves the health probes open', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
  });
});
