import type { z } from 'zod';
import { flag, integer, list } from './envTypes.js';

/** Requests per window that one client address or one user may make on a rate-limited operation; 0: no limit. */
const perWindow = (fallback: number) => integer(fallback, 0);

/**
 * The settings that bound what one client can send and how fast (docs/security.md "Limits").
 * Merged into the one env schema.
 */
export const limitsEnvShape = {
  BODY_LIMIT_BYTES: integer(65_536, 1),
  HTTP_HEADERS_TIMEOUT_MS: integer(10_000, 1),
  HTTP_REQUEST_TIMEOUT_MS: integer(30_000, 1),
  TRUST_PROXY: list,
  RATE_LIMIT_ENABLED: flag(true),
  RATE_LIMIT_WINDOW_SECONDS: integer(60, 1),
  RATE_LIMIT_QUEUE_TOKEN_PER_ADDRESS: perWindow(120),
  RATE_LIMIT_QUEUE_TOKEN_PER_USER: perWindow(20),
  RATE_LIMIT_CHARGE_PER_ADDRESS: perWindow(120),
  RATE_LIMIT_CHARGE_PER_USER: perWindow(30),
  RATE_LIMIT_PAYMENT_PER_ADDRESS: perWindow(120),
  RATE_LIMIT_PAYMENT_PER_USER: perWindow(30),
  RATE_LIMIT_HOLD_PER_ADDRESS: perWindow(300),
  RATE_LIMIT_HOLD_PER_USER: perWindow(60),
  SHED_ENABLED: flag(true),
  SHED_MAX_IN_FLIGHT: integer(32, 1),
  SHED_MAX_EVENT_LOOP_DELAY_MS: integer(60, 1),
  SHED_RETRY_AFTER_SECONDS: integer(2, 1),
};

type LimitsEnv = { [Key in keyof typeof limitsEnvShape]: z.output<(typeof limitsEnvShape)[Key]> };

/** The operations that spend something scarce (a place in line, money, a seat), each with its own limits. */
export const rateLimitedActions = ['queueToken', 'charge', 'payment', 'hold'] as const;
export type RateLimitedAction = (typeof rateLimitedActions)[number];

export interface LimitsConfig {
  /** Largest request body; larger ones answer 413 before they are read. */
  bodyLimitBytes: number;
  /** Node's server timeouts: a client gets this long to send its headers, and its whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Addresses or CIDR ranges (or proxy-addr's names: loopback, linklocal, uniquelocal) of trusted proxies. */
  trustProxy: string[];
  rateLimit: {
    enabled: boolean;
    windowSeconds: number;
    perAddress: Record<RateLimitedAction, number>;
    perUser: Record<RateLimitedAction, number>;
  };
  /** Load shedding (docs/operator-guide.md): when one process refuses work, by the operation's shedClass. */
  shed: {
    enabled: boolean;
    /** Requests one process runs at once at its knee: the purchase class is refused from here, the others earlier. */
    maxInFlight: number;
    /** The event-loop delay (its mean over the last quarter second) counted as the knee, likewise. */
    maxEventLoopDelayMs: number;
    retryAfterSeconds: number;
  };
}

export function toLimitsConfig(env: LimitsEnv): LimitsConfig {
  return {
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      perAddress: {
        queueToken: env.RATE_LIMIT_QUEUE_TOKEN_PER_ADDRESS,
        charge: env.RATE_LIMIT_CHARGE_PER_ADDRESS,
        payment: env.RATE_LIMIT_PAYMENT_PER_ADDRESS,
        hold: env.RATE_LIMIT_HOLD_PER_ADDRESS,
      },
      perUser: {
        queueToken: env.RATE_LIMIT_QUEUE_TOKEN_PER_USER,
        charge: env.RATE_LIMIT_CHARGE_PER_USER,
        payment: env.RATE_LIMIT_PAYMENT_PER_USER,
        hold: env.RATE_LIMIT_HOLD_PER_USER,
      },
    },
    shed: {
      enabled: env.SHED_ENABLED,
      maxInFlight: env.SHED_MAX_IN_FLIGHT,
      maxEventLoopDelayMs: env.SHED_MAX_EVENT_LOOP_DELAY_MS,
      retryAfterSeconds: env.SHED_RETRY_AFTER_SECONDS,
    },
  };
}
