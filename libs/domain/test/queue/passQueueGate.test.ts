import { describe, expect, it } from 'vitest';
import { passQueueGate } from '../../src/index.js';
import { fakeQueue } from './fakeQueue.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'passed', (error: { code?: string }) => error.code);

describe('passQueueGate', () => {
  it('passes an active user, taking the user id from the token and refreshing the idle timeout', async () => {
    const { ctx, state } = fakeQueue({ status: 'ACTIVE' });
    expect(await passQueueGate({ ctx, input: { token: 'token-7' } })).toEqual({ userId: 7, active: true });
    expect(state.touched).toEqual([7]);
  });

  it('refuses a missing, an invalid, a waiting and a gone token with their codes', async () => {
    expect(await codeOf(passQueueGate({ ctx: fakeQueue().ctx, input: { token: undefined } }))).toBe('token_missing');
    expect(await codeOf(passQueueGate({ ctx: fakeQueue().ctx, input: { token: 'forged' } }))).toBe('token_invalid');
    const waiting = fakeQueue({ status: 'WAITING', position: 3 }).ctx;
    expect(await codeOf(passQueueGate({ ctx: waiting, input: { token: 'token-7' } }))).toBe('token_not_active');
    const gone = fakeQueue({ status: 'GONE' }).ctx;
    expect(await codeOf(passQueueGate({ ctx: gone, input: { token: 'token-7' } }))).toBe('token_expired');
  });

  it('with allowInactive, passes any valid token and says whether the user is active', async () => {
    const { ctx } = fakeQueue({ status: 'GONE' });
    expect(await passQueueGate({ ctx, input: { token: 'token-7', allowInactive: true } })).toEqual({ userId: 7, active: false });
    expect(await codeOf(passQueueGate({ ctx, input: { token: 'nope', allowInactive: true } }))).toBe('token_invalid');
  });

  it("refuses a token of another user than the gateway's identity", async () => {
    const { ctx } = fakeQueue();
    expect(await codeOf(passQueueGate({ ctx, input: { token: 'token-7', identity: 8 } }))).toBe('identity_mismatch');
  });
});
