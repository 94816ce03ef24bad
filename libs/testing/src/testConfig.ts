import { loadConfig, type Config } from '@concert/config';

/** The config tests build apps with: defaults, test mode, quiet logs, plus what the test needs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}
