import { loadConfig, type Config } from '@concert/config';

/**
 * The config tests build apps with: defaults, test mode, quiet logs, plus what the test needs.
 * Rate limits are off: the race tests send hundreds of requests as one user from one address; the
 * rate-limit tests turn them on.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_ENABLED: 'false', ...overrides });
}
