import { connectRedis, type RedisClient } from '@concert/redis';
import { createConcert, createEventWithSeats, gatewaySettings, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { listening } from '../support/listening.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const json = { 'Content-Type': 'application/json' };
type ErrorAnswer = { error: { code: string; message: string; details: { retryAfterSeconds: number } } };

/** Two API instances on one MySQL database and one Redis prefix, each on its own port and connection. */
function twoInstances(settings: Record<string, string>) {
  const state = { t: undefined as unknown as TestApp, urls: [] as string[] };
  let secondRedis: RedisClient;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    state.t = await createTestApp({ RATE_LIMIT_ENABLED: 'true', ...settings });
    secondRedis = await connectRedis(state.t.redis.target);
    const { app: second } = createApp({ ...state.t.deps, redis: secondRedis, metrics: createMetrics() });
    for (const app of [state.t.app, second]) {
      const served = await listening(app);
      state.urls.push(served.url);
      closers.push(served.close);
    }
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    secondRedis.disconnect();
    await state.t.destroy();
  });
  return state;
}

describe('rate limits across two API instances on one Redis', () => {
  const s = twoInstances({ RATE_LIMIT_CHARGE_PER_ADDRESS: '6', RATE_LIMIT_QUEUE_TOKEN_PER_USER: '3', RATE_LIMIT_HOLD_PER_USER: '2' });

  it('count one address across both: 6 charges in a minute, the rest 429 with Retry-After, and nothing charged for them', async () => {
    const users = Array.from({ length: 10 }, () => uniqueUserId());
    const answers = await Promise.all(
      users.map((user, index) =>
        fetch(`${s.urls[index % 2]}/api/v1/users/${user}/wallet/charge`, { method: 'PATCH', headers: json, body: '{"amount":100}' }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);

    const refused = answers.find((answer) => answer.status === 429) as Response;
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-policy')).toBe('"charge-address";q=6;w=60, "charge-user";q=30;w=60');
    expect(refused.headers.get('ratelimit')).toMatch(/^"charge-address";r=0;t=\d+, "charge-user";r=29;t=\d+$/);
    const body = (await refused.json()) as ErrorAnswer;
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.details.retryAfterSeconds).toBe(retryAfter);

    const accepted = answers.find((answer) => answer.status === 200) as Response;
    expect(accepted.headers.get('ratelimit')).toMatch(/^"charge-address";r=\d;t=\d+, "charge-user";r=29;t=\d+$/);
    // Only the six accepted charges reached the wallets.
    const [rows] = await s.t.database.pool.query('SELECT COUNT(*) AS n, SUM(balance) AS total FROM wallet');
    expect(rows).toEqual([{ n: 6, total: '600' }]);
  });

  it('count one user across both: 3 tokens, then 429; another user is not held back', async () => {
    const user = uniqueUserId();
    const enter = (url: string | undefined, userId: number) =>
      fetch(`${url}/api/v1/queue/token`, { method: 'POST', headers: json, body: JSON.stringify({ userId }) });
    const statuses = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await enter(s.urls[index % 2], user)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await enter(s.urls[0], uniqueUserId())).status).toBe(200);
  });

  it("take a hold's user from its verified token: 2 holds, then 429, and a forged token spends nobody's allowance", async () => {
    const concert = await createConcert(s.t.database.db);
    const event = await createEventWithSeats(s.t.database.db, concert.id, { now: new Date(), seats: 5 });
    const user = uniqueUserId();
    const token = ((await (
      await fetch(`${s.urls[0]}/api/v1/queue/token`, { method: 'POST', headers: json, body: JSON.stringify({ userId: user }) })
    ).json()) as { data: { token: string } }).data.token;
    const occupy = (url: string | undefined, userToken: string, seatId: number | undefined) =>
      fetch(`${url}/api/v1/concert-events/${event.id}/occupy`, {
        method: 'POST',
        headers: { ...json, 'User-Token': userToken },
        body: JSON.stringify({ seatId }),
      });
    // Forged tokens claiming nothing verifiable: refused by the gate, not counted for the user.
    for (let index = 0; index < 3; index += 1) expect((await occupy(s.urls[1], `${token}x`, event.seats[0]?.id)).status).toBe(401);
    const statuses = [];
    for (const [index, seat] of event.seats.slice(0, 3).entries()) statuses.push((await occupy(s.urls[index % 2], token, seat.id)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('the client address', () => {
  const trusted = twoInstances({ RATE_LIMIT_QUEUE_TOKEN_PER_ADDRESS: '2', TRUST_PROXY: 'loopback' });
  const untrusted = twoInstances({ RATE_LIMIT_QUEUE_TOKEN_PER_ADDRESS: '2' });

  const enterFrom = (url: string | undefined, forwardedFor: string) =>
    fetch(`${url}/api/v1/queue/token`, {
      method: 'POST',
      headers: { ...json, 'X-Forwarded-For': forwardedFor },
      body: JSON.stringify({ userId: uniqueUserId() }),
    }).then((answer) => answer.status);

  it('is the socket peer when no proxy is trusted: a made-up X-Forwarded-For changes nothing', async () => {
    const statuses = [];
    for (const forwarded of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) statuses.push(await enterFrom(untrusted.urls[0], forwarded));
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("is read from X-Forwarded-For when the peer is a trusted proxy; an IPv6 client counts by its /64", async () => {
    const statuses = [];
    for (const forwarded of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2']) statuses.push(await enterFrom(trusted.urls[0], forwarded));
    expect(statuses).toEqual([200, 200, 429, 200]);
    const sameNetwork = ['2001:db8:1:2::1', '2001:db8:1:2::ffff', '2001:db8:1:2:aaaa::9'];
    const ipv6 = [];
    for (const forwarded of sameNetwork) ipv6.push(await enterFrom(trusted.urls[1], forwarded));
    expect(ipv6).toEqual([200, 200, 429]);
  });
});

describe('rate limits behind an authenticating gateway (IDENTITY_HEADER)', () => {
  const s = twoInstances({ ...gatewaySettings('X-User-Id'), RATE_LIMIT_QUEUE_TOKEN_PER_USER: '2' });

  it("count the gateway's user, so naming someone else in the body spends nothing of theirs", async () => {
    const [mallory, alice] = [uniqueUserId(), uniqueUserId()];
    const enter = (as: number, userId: number) =>
      fetch(`${s.urls[0]}/api/v1/queue/token`, {
        method: 'POST',
        headers: { ...json, 'X-User-Id': String(as) },
        body: JSON.stringify({ userId }),
      }).then((answer) => answer.status);
    const asMallory = [];
    for (let index = 0; index < 4; index += 1) asMallory.push(await enter(mallory, alice));
    expect(asMallory).toEqual([403, 403, 429, 429]);
    expect([await enter(alice, alice), await enter(alice, alice)]).toEqual([200, 200]);
  });
});
