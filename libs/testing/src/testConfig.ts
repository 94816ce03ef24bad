import { loadConfig, type Config } from '@concert/config';

/** A queue-token secret for apps under test in jwt or gateway mode, where the development one is refused. */
export const TEST_QUEUE_TOKEN_SECRET = 'test-only-queue-token-secret-of-32-bytes+';

/** The settings of an app behind an authenticating gateway that sets `header`. */
export const gatewaySettings = (header: string) => ({ AUTH_MODE: 'gateway', IDENTITY_HEADER: header, QUEUE_TOKEN_SECRET: TEST_QUEUE_TOKEN_SECRET });

/**
 * The config tests build apps with: defaults, test mode, quiet logs, plus what the test needs.
 * Rate limits are off: the race tests send hundreds of requests as one user from one address; the
 * rate-limit tests turn them on. So is load shedding: test files running side by side stall each
 * other's event loops, and the race tests' bursts are the point; the load-shedding tests turn it on.
 * Admission is fixed: tests admit as many users as they need at once (raising
 * QUEUE_ADMISSIONS_PER_SECOND); the adaptive admission's tests turn it on.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ENABLED: 'false',
    SHED_ENABLED: 'false',
    QUEUE_ADMISSION_MODE: 'fixed',
    ...overrides,
  });
}
