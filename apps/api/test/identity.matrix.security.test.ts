import { actingUserInputs, type Operation, operations } from '@concert/contract';
import { gatewaySettings, startIdentityProvider, type TestIdentityProvider, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationCall } from './support/operationCall.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const all = Object.values(operations) as Operation[];
/** Operations that act for a user: one named in their input, or the user of their queue token. */
const actsForUser = (operation: Operation) => actingUserInputs(operation).length > 0 || operation.auth === 'queueToken';
const IDENTITY_CODES = ['identity_missing', 'identity_invalid', 'identity_mismatch'];

interface Outcome {
  operationId: string;
  status: number;
  code: string | undefined;
}

/** Identity by header, per mode: a bearer access token (jwt) or the gateway's header. */
type Credentials = (userId: number) => Promise<Record<string, string>>;

/**
 * Calls `operation` for `victim` with `headers`, bearing the victim's own queue token where the
 * operation takes one (issued to the victim with the victim's identity, fresh each time, so leaving
 * the line in one call does not void the next).
 */
async function attempt(t: TestApp, operation: Operation, victim: number, own: Credentials, headers: Record<string, string>): Promise<Outcome> {
  let tokenHeader = {};
  if (operation.auth === 'queueToken') {
    const issued = await t.app.request(
      '/api/v1/queue/token',
      operationCall(operations.issueQueueToken, victim, await own(victim)).init,
    );
    expect(issued.status).toBe(200);
    tokenHeader = { 'User-Token': ((await issued.json()) as { data: { token: string } }).data.token };
  }
  const { path, init } = operationCall(operation, victim, { ...tokenHeader, ...headers });
  const response = await t.app.request(path, init);
  const body = (await response.json()) as { error?: { code: string } };
  return { operationId: operation.operationId, status: response.status, code: body.error?.code };
}

/** The matrix every mode shares: no identity, one's own, another user's. */
function sharedMatrix(t: () => TestApp, credentials: Credentials) {
  it('answers every operation 401 identity_missing without an identity', async () => {
    for (const operation of all) {
      const outcome = await attempt(t(), operation, uniqueUserId(), credentials, {});
      expect(outcome).toEqual({ operationId: operation.operationId, status: 401, code: 'identity_missing' });
    }
  });

  it('lets every operation through for the user it acts for', async () => {
    for (const operation of all) {
      const user = uniqueUserId();
      const outcome = await attempt(t(), operation, user, credentials, await credentials(user));
      expect(IDENTITY_CODES, JSON.stringify(outcome)).not.toContain(outcome.code);
      expect(outcome.status, JSON.stringify(outcome)).toBeLessThan(500);
      // The request reached past validation: a 400 here would hide the identity rule from the next test.
      if (actingUserInputs(operation).length > 0) expect(outcome.status, JSON.stringify(outcome)).toBe(200);
    }
  });

  it("answers 403 identity_mismatch to every operation acting for another user (their path, body or queue token)", async () => {
    for (const operation of all) {
      const [victim, attacker] = [uniqueUserId(), uniqueUserId()];
      const outcome = await attempt(t(), operation, victim, credentials, await credentials(attacker));
      if (actsForUser(operation)) expect(outcome).toEqual({ operationId: operation.operationId, status: 403, code: 'identity_mismatch' });
      else expect(IDENTITY_CODES, JSON.stringify(outcome)).not.toContain(outcome.code);
    }
  });

  it("changes nothing in another user's wallet and shows none of it", async () => {
    const [victim, attacker] = [uniqueUserId(), uniqueUserId()];
    const asAttacker = await credentials(attacker);
    const charge = await t().app.request(`/api/v1/users/${victim}/wallet/charge`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...asAttacker },
      body: JSON.stringify({ amount: 1_000 }),
    });
    expect(charge.status).toBe(403);
    const read = await t().app.request(`/api/v1/users/${victim}/wallet`, { headers: asAttacker });
    expect(read.status).toBe(403);
    expect(JSON.stringify(await read.json())).not.toContain('balance');
    const own = await t().app.request(`/api/v1/users/${victim}/wallet`, { headers: await credentials(victim) });
    expect(await own.json()).toEqual({ data: { userId: victim, balance: 0 } });
  });
}

describe('identity matrix, AUTH_MODE=jwt: every contract operation against a real identity provider', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startIdentityProvider();
    t = await createTestApp(idp.settings());
  });
  afterAll(async () => {
    await t.destroy();
    await idp.close();
  });
  const bearer: Credentials = async (userId) => ({ Authorization: `Bearer ${await idp.token(String(userId))}` });

  sharedMatrix(() => t, bearer);

  it('names the bearer scheme in WWW-Authenticate when it refuses a request for its token (RFC 6750)', async () => {
    const wallet = `/api/v1/users/${uniqueUserId()}/wallet`;
    const challenges = await Promise.all(
      ([{}, { Authorization: 'Bearer not-a-token' }] as Array<Record<string, string>>).map(async (headers) => (await t.app.request(wallet, { headers })).headers.get('www-authenticate')),
    );
    expect(challenges).toEqual(['Bearer realm="concert"', 'Bearer realm="concert", error="invalid_token"']);
  });

  it('answers every operation 401 identity_invalid to a forged, expired, not-yet-valid, wrong-audience or wrong-issuer token', async () => {
    const forger = await startIdentityProvider();
    const now = Math.floor(Date.now() / 1_000);
    try {
      const user = uniqueUserId();
      const refused = {
        // Signed by another key that claims the provider's key id.
        forged: await forger.token(String(user)),
        expired: await idp.token(String(user), { exp: now - 120 }),
        notYetValid: await idp.token(String(user), { nbf: now + 120 }),
        wrongAudience: await idp.token(String(user), { aud: 'another-api' }),
        wrongIssuer: await idp.token(String(user), { iss: 'https://evil.example' }),
        notAUserId: await idp.token('user-7'),
        unsigned: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: String(user), aud: 'concert-api' })).toString('base64url')}.`,
      };
      for (const operation of all) {
        for (const [kind, token] of Object.entries(refused)) {
          const outcome = await attempt(t, operation, user, bearer, { Authorization: `Bearer ${token}` });
          expect({ kind, ...outcome }).toEqual({ kind, operationId: operation.operationId, status: 401, code: 'identity_invalid' });
        }
      }
    } finally {
      await forger.close();
    }
  });

  it('accepts tokens within the clock tolerance of their expiry', async () => {
    const user = uniqueUserId();
    const justExpired = await idp.token(String(user), { exp: Math.floor(Date.now() / 1_000) - 5 });
    const answer = await t.app.request(`/api/v1/users/${user}/wallet`, { headers: { Authorization: `Bearer ${justExpired}` } });
    expect(answer.status).toBe(200);
  });

  it("follows the provider's key rotation: new keys are fetched when a token names one, old keys stop working", async () => {
    const user = uniqueUserId();
    const wallet = (token: string) => t.app.request(`/api/v1/users/${user}/wallet`, { headers: { Authorization: `Bearer ${token}` } });
    const beforeRotation = await idp.token(String(user));
    expect((await wallet(beforeRotation)).status).toBe(200);
    const fetchesBefore = idp.fetches;
    // Cached: verifying again does not fetch the key set.
    expect((await wallet(beforeRotation)).status).toBe(200);
    expect(idp.fetches).toBe(fetchesBefore);

    await idp.rotate();
    const afterRotation = await idp.token(String(user));
    expect((await wallet(afterRotation)).status).toBe(200);
    expect(idp.fetches).toBe(fetchesBefore + 1);
    const old = await wallet(beforeRotation);
    expect([old.status, ((await old.json()) as { error: { code: string } }).error.code]).toEqual([401, 'identity_invalid']);
  });

  it('reads the user id from the configured claim', async () => {
    const app = await createTestApp({ ...idp.settings(), AUTH_USER_ID_CLAIM: 'uid' });
    try {
      const user = uniqueUserId();
      const token = await idp.token('someone@example.com', { uid: user });
      const answer = await app.app.request(`/api/v1/users/${user}/wallet`, { headers: { Authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      const subOnly = await app.app.request(`/api/v1/users/${user}/wallet`, { headers: { Authorization: `Bearer ${await idp.token(String(user))}` } });
      expect(subOnly.status).toBe(401);
    } finally {
      await app.destroy();
    }
  });

  it('answers 503 identity_provider_unavailable while the key set is out of reach, and lets nobody in', async () => {
    const gone = await startIdentityProvider();
    const token = await gone.token('7');
    // Its port is closed: the key set cannot be fetched.
    await gone.close();
    const app = await createTestApp(gone.settings());
    try {
      const answer = await app.app.request('/api/v1/users/7/wallet', { headers: { Authorization: `Bearer ${token}` } });
      expect([answer.status, ((await answer.json()) as { error: { code: string } }).error.code]).toEqual([503, 'identity_provider_unavailable']);
    } finally {
      await app.destroy();
    }
  });

  it('checks a token against one configured public key as well', async () => {
    const { AUTH_JWKS_URL: _unused, ...settings } = idp.settings();
    const app = await createTestApp({ ...settings, AUTH_JWT_PUBLIC_KEY: await idp.publicKeyPem(), AUTH_JWT_ALGORITHMS: 'RS256' });
    try {
      const user = uniqueUserId();
      const answer = await app.app.request(`/api/v1/users/${user}/wallet`, { headers: await bearer(user) });
      expect(answer.status).toBe(200);
      const other = await app.app.request(`/api/v1/users/${user + 1}/wallet`, { headers: await bearer(user) });
      expect(other.status).toBe(403);
    } finally {
      await app.destroy();
    }
  });
});

describe('identity matrix, AUTH_MODE=gateway: every contract operation behind an authenticating gateway', () => {
  const HEADER = 'X-Authenticated-User';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(gatewaySettings(HEADER));
  });
  afterAll(() => t.destroy());

  sharedMatrix(() => t, async (userId) => ({ [HEADER]: String(userId) }));

  it('answers every operation 401 identity_missing when the header is not a user id', async () => {
    for (const operation of all) {
      for (const value of ['', 'abc', '1e3', '-1', '+1', '0x10', '01']) {
        const outcome = await attempt(t, operation, uniqueUserId(), async (userId) => ({ [HEADER]: String(userId) }), { [HEADER]: value });
        expect({ value, ...outcome }).toEqual({ value, operationId: operation.operationId, status: 401, code: 'identity_missing' });
      }
    }
  });
});

describe('AUTH_MODE=open: ids on trust, as the seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it("ignores the seed clients' placeholder Authorization header and acts for the user named", async () => {
    for (const authorization of ['Bearer', 'Bearer placeholder', 'Bearer not.a.jwt']) {
      const user = uniqueUserId();
      const answer = await t.app.request(`/api/v1/users/${user}/wallet`, { headers: { Authorization: authorization } });
      expect(await answer.json()).toEqual({ data: { userId: user, balance: 0 } });
    }
  });
});
