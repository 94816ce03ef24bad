import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index.js';

describe('the limits settings', () => {
  it('default to a 64 KB body, deliberate timeouts, no trusted proxy and rate limits on', () => {
    const { limits } = loadConfig({});
    expect(limits.bodyLimitBytes).toBe(65_536);
    expect(limits.headersTimeoutMs).toBe(10_000);
    expect(limits.requestTimeoutMs).toBe(30_000);
    expect(limits.trustProxy).toEqual([]);
    expect(limits.rateLimit.enabled).toBe(true);
    expect(limits.rateLimit.perAddress.queueToken).toBe(120);
    expect(limits.rateLimit.perUser.payment).toBe(30);
  });

  it('reads the trusted proxies as a list', () => {
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, loopback ' }).limits.trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});
