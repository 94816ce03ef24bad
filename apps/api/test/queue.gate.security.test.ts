import { jwtTokenSigner } from '@concert/auth';
import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatedProbe } from './support/gatedProbe.js';
import { activeToken } from './support/queue.js';
import { queueCalls } from './support/queueCalls.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const MINUTE = 60_000;

describe('the queue gate', () => {
  let t: TestApp;
  const clock = manualClock();
  beforeAll(async () => {
    t = await createTestApp({ QUEUE_MAX_ACTIVE_USERS: '1' }, clock);
  });
  afterAll(() => t.destroy());

  const call = async (token?: string, options: { allowInactive?: boolean } = {}) => {
    const response = await gatedProbe(t.services, options).request('/probe', token === undefined ? {} : { headers: { 'User-Token': token } });
    const body = (await response.json()) as { data?: { userId: number; active: boolean }; error?: { code: string } };
    return { status: response.status, code: body.error?.code, user: body.data };
  };

  let activeUser: number;
  let active: string;
  beforeAll(async () => {
    activeUser = uniqueUserId();
    active = await activeToken(t.app, activeUser);
  });

  it('lets an active token through with the user id from the token', async () => {
    expect(await call(active)).toEqual({ status: 200, code: undefined, user: { userId: activeUser, active: true } });
  });

  it('answers 401 token_missing without a token', async () => {
    expect(await call()).toMatchObject({ status: 401, code: 'token_missing' });
  });

  it('answers 401 token_invalid for garbage, a forged payload, another secret and alg none', async () => {
    const [header, , signature] = active.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: String(uniqueUserId()), exp: 4e9 })).toString('base64url')}.${signature}`;
    const otherSecret = await jwtTokenSigner({ secret: 'y'.repeat(40), lifetimeSeconds: 3_600 }).issue(activeUser, clock.now());
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: String(activeUser) })).toString('base64url')}.`;
    for (const token of ['garbage', forged, otherSecret, unsigned]) {
      expect(await call(token)).toMatchObject({ status: 401, code: 'token_invalid' });
    }
  });

  it("moves no token to another user: changing the subject breaks the signature", async () => {
    const key = new TextEncoder().encode('z'.repeat(40));
    const selfMade = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(String(activeUser)).setExpirationTime('1h').sign(key);
    expect(await call(selfMade)).toMatchObject({ status: 401, code: 'token_invalid' });
  });

  it('answers 403 token_not_active to a user still waiting, and lets allowInactive through saying so', async () => {
    const waiting = await queueCalls(t.app).enter(uniqueUserId());
    expect(waiting.body.data?.status).toBe('WAITING');
    const token = waiting.body.data?.token ?? '';
    expect(await call(token)).toMatchObject({ status: 403, code: 'token_not_active' });
    expect(await call(token, { allowInactive: true })).toMatchObject({ status: 200, user: { active: false } });
    await queueCalls(t.app).leave(token);
  });

  it('answers 401 token_expired after leaving, and allowInactive still knows the user (a paid user replaying)', async () => {
    const user = uniqueUserId();
    await queueCalls(t.app).leave(active);
    const token = await activeToken(t.app, user);
    await queueCalls(t.app).leave(token);
    expect(await call(token)).toMatchObject({ status: 401, code: 'token_expired' });
    expect(await call(token, { allowInactive: true })).toEqual({ status: 200, code: undefined, user: { userId: user, active: false } });
  });

  it('answers 401 token_invalid once the JWT itself has expired', async () => {
    const token = await activeToken(t.app, uniqueUserId());
    clock.advance(61 * MINUTE);
    expect(await call(token)).toMatchObject({ status: 401, code: 'token_invalid' });
    expect(await call(token, { allowInactive: true })).toMatchObject({ status: 401, code: 'token_invalid' });
  });
});
