import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_TOKEN_SECRET, envSchema, loadConfig, redactUrl } from '../src/index.js';

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(8080);
    expect(config.db.url).toBe('mysql://root@127.0.0.1:3306/concert');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.queue.tokenSecret).toBe(DEVELOPMENT_TOKEN_SECRET);
    expect(config.booking.maxSeatsPerUser).toBe(4);
  });

  it('reads the webhook retry schedule in seconds, the first retry first, and refuses one that is not', () => {
    expect(loadConfig({}).events.webhooks).toEqual({
      timeoutMs: 15_000,
      retryDelaysMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      allowPrivateAddresses: false,
    });
    expect(loadConfig({ WEBHOOK_RETRY_SECONDS: '1, 2' }).events.webhooks.retryDelaysMs).toEqual([1_000, 2_000]);
    expect(() => loadConfig({ WEBHOOK_RETRY_SECONDS: '5,,60' })).toThrow(/WEBHOOK_RETRY_SECONDS.*whole number of seconds/);
    expect(loadConfig({ OUTBOX_RETENTION_HOURS: '2' }).events.relay.retentionMs).toBe(7_200_000);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses to start in production without a token secret', () => {
    expect(() => loadConfig({ ...gatewayInProduction, QUEUE_TOKEN_SECRET: undefined })).toThrow(/QUEUE_TOKEN_SECRET is required/);
    expect(() => loadConfig(gatewayInProduction)).not.toThrow();
  });

  it('reads one Redis server by default, a cluster from its node list, and one process per machine', () => {
    expect(loadConfig({}).redis.clusterNodes).toEqual([]);
    expect(loadConfig({}).processes).toBe(1);
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7000', WEB_CONCURRENCY: '2' });
    expect(config.redis.clusterNodes).toEqual(['10.0.0.1:7000', '10.0.0.2:7000']);
    expect(config.processes).toBe(2);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000' })).toThrow(/REDIS_CLUSTER_NODES.*host:port/);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
  });

  it('refuses a key prefix with a hash tag, which would put every key on one cluster node', () => {
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'shop-{a}' })).toThrow(/REDIS_KEY_PREFIX: must not contain \{ or \}/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ QUEUE_TOKEN_SECRET: '', PORT: '' }).http.port).toBe(8080);
  });

  it('documents every setting in .env.example, and nothing else', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });
});

const SECRET = 'a-secret-of-thirty-two-bytes-at-least!';
const gatewayInProduction = { NODE_ENV: 'production', AUTH_MODE: 'gateway', IDENTITY_HEADER: 'X-User-Id', QUEUE_TOKEN_SECRET: SECRET };
const jwt = { AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'https://idp.example.com/jwks', AUTH_JWT_ISSUER: 'https://idp.example.com', AUTH_JWT_AUDIENCE: 'concert-api', QUEUE_TOKEN_SECRET: SECRET };

describe('loadConfig: identity and secrets', () => {
  it('is open outside production by default, and gateway when only IDENTITY_HEADER is set', () => {
    expect(loadConfig({}).auth).toEqual({ mode: 'open', openInProduction: false });
    expect(loadConfig({ IDENTITY_HEADER: 'X-User-Id', QUEUE_TOKEN_SECRET: SECRET }).auth).toEqual({ mode: 'gateway', header: 'X-User-Id' });
  });

  it('refuses open mode in production, naming the choices, unless explicitly allowed', () => {
    const production = { NODE_ENV: 'production', QUEUE_TOKEN_SECRET: SECRET };
    expect(() => loadConfig(production)).toThrow(/AUTH_MODE=open .* refused when NODE_ENV=production: set AUTH_MODE=jwt .* or AUTH_MODE=gateway/);
    expect(() => loadConfig({ ...production, AUTH_MODE: 'open' })).toThrow(/AUTH_ALLOW_OPEN_IN_PRODUCTION=true/);
    expect(loadConfig({ ...production, AUTH_ALLOW_OPEN_IN_PRODUCTION: 'true' }).auth).toEqual({ mode: 'open', openInProduction: true });
  });

  it('asks jwt mode for one key source, an issuer and an audience', () => {
    expect(loadConfig({ ...jwt, NODE_ENV: 'production' }).auth).toMatchObject({ mode: 'jwt', jwt: { userIdClaim: 'sub', issuer: 'https://idp.example.com' } });
    expect(() => loadConfig({ ...jwt, AUTH_JWKS_URL: undefined })).toThrow(/exactly one of AUTH_JWKS_URL and AUTH_JWT_PUBLIC_KEY/);
    expect(() => loadConfig({ ...jwt, AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx' })).toThrow(/exactly one/);
    expect(() => loadConfig({ ...jwt, AUTH_JWT_AUDIENCE: undefined })).toThrow(/AUTH_JWT_AUDIENCE/);
    expect(() => loadConfig({ ...jwt, AUTH_JWT_ISSUER: undefined })).toThrow(/AUTH_JWT_ISSUER/);
    expect(() => loadConfig({ AUTH_MODE: 'gateway', QUEUE_TOKEN_SECRET: SECRET })).toThrow(/IDENTITY_HEADER/);
  });

  it('keeps the published development secret to open mode outside production', () => {
    expect(() => loadConfig({ ...gatewayInProduction, QUEUE_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET })).toThrow(
      /QUEUE_TOKEN_SECRET is the published development secret/,
    );
    expect(() => loadConfig({ ...jwt, QUEUE_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET })).toThrow(/published development secret/);
    expect(() => loadConfig({ ...jwt, QUEUE_TOKEN_SECRET: undefined })).toThrow(/QUEUE_TOKEN_SECRET is required with AUTH_MODE=jwt/);
    expect(() => loadConfig({ ...gatewayInProduction, QUEUE_TOKEN_SECRET_PREVIOUS: DEVELOPMENT_TOKEN_SECRET })).toThrow(
      /QUEUE_TOKEN_SECRET_PREVIOUS is the published development secret/,
    );
    expect(loadConfig({ QUEUE_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET }).queue.tokenSecret).toBe(DEVELOPMENT_TOKEN_SECRET);
  });

  it('counts a secret in bytes: 32 required', () => {
    // 16 two-byte characters are 32 bytes; 31 one-byte characters are not enough.
    expect(loadConfig({ ...gatewayInProduction, QUEUE_TOKEN_SECRET: 'é'.repeat(16) }).queue.tokenSecret).toBe('é'.repeat(16));
    expect(() => loadConfig({ ...gatewayInProduction, QUEUE_TOKEN_SECRET: 'x'.repeat(31) })).toThrow(/QUEUE_TOKEN_SECRET: must be at least 32 bytes/);
    expect(() => loadConfig({ ...gatewayInProduction, QUEUE_TOKEN_SECRET_PREVIOUS: 'short' })).toThrow(/QUEUE_TOKEN_SECRET_PREVIOUS/);
  });
});

describe('redactUrl', () => {
  it('hides the password of a connection URL and keeps the rest', () => {
    expect(redactUrl('rediss://user:secret@cache:6380/0')).toBe('rediss://user:***@cache:6380/0');
    expect(redactUrl('mysql://root@127.0.0.1:3306/concert')).toBe('mysql://root@127.0.0.1:3306/concert');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
