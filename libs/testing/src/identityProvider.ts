import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_QUEUE_TOKEN_SECRET } from './testConfig.js';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const TEST_ISSUER = 'https://idp.test.invalid';
export const TEST_AUDIENCE = 'concert-api';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface TestIdentityProvider {
  /** The key set's URL, for AUTH_JWKS_URL. */
  jwksUrl: string;
  /** The current key's public half in PEM, for AUTH_JWT_PUBLIC_KEY. */
  publicKeyPem(): Promise<string>;
  /** How many times the key set was fetched. */
  readonly fetches: number;
  /** An access token for `subject` signed with the current key: valid for a minute, unless `claims` say otherwise. */
  token(subject: string, claims?: JWTPayload): Promise<string>;
  /** Replaces the signing key by a new one, as a provider's key rotation does; the key set serves only the new one. */
  rotate(): Promise<void>;
  /** Settings that point a jwt-mode API at this provider. */
  settings(): Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real OIDC-style key-set server on a free local port, signing RS256 access tokens: what a
 * jwt-mode API is tested against instead of a mocked verifier.
 */
export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  let generation = 0;
  let current: { kid: string; keys: KeyPair } = { kid: 'key-0', keys: await generateKeyPair('RS256', { extractable: true }) };
  let fetches = 0;
  const server = createServer((request, response) => {
    fetches += 1;
    void exportJWK(current.keys.publicKey).then((jwk) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [{ ...jwk, kid: current.kid, alg: 'RS256', use: 'sig' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;

  return {
    jwksUrl,
    publicKeyPem: () => exportSPKI(current.keys.publicKey),
    get fetches() {
      return fetches;
    },
    token(subject, claims = {}) {
      const now = Math.floor(Date.now() / 1_000);
      const payload = { sub: subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 60, ...claims };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: current.kid }).sign(current.keys.privateKey);
    },
    async rotate() {
      generation += 1;
      current = { kid: `key-${generation}`, keys: await generateKeyPair('RS256', { extractable: true }) };
    },
    settings: () => ({
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: jwksUrl,
      AUTH_JWT_ISSUER: TEST_ISSUER,
      AUTH_JWT_AUDIENCE: TEST_AUDIENCE,
      AUTH_JWKS_COOLDOWN_SECONDS: '0',
      QUEUE_TOKEN_SECRET: TEST_QUEUE_TOKEN_SECRET,
    }),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
