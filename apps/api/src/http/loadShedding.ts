import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LimitsConfig } from '@concert/config';
import type { ShedClass } from '@concert/contract';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './errorBody.js';

/**
 * The share of the knee at which each class starts being refused: graded thresholds, so that as
 * load rises the cheapest and least important work goes first and admitted buyers' purchase steps
 * keep the process until it is at the knee itself.
 */
export const SHED_FROM: Record<ShedClass, number> = { entry: 0.5, browse: 0.75, purchase: 1 };

/**
 * The event-loop delay is read from the histogram at most this often, and the histogram then reset:
 * a reading is the mean delay since the previous one (as fastify's under-pressure reads it), so a
 * loop kept busy reads high while one lone stall, a cold start's or a collector's, is diluted. A
 * window that spent more than STALE_WINDOW_MS outside its longest stall (the process was idle,
 * nobody asked) says nothing about now, and reads as no delay.
 */
const LOOP_SAMPLE_MS = 250;
const STALE_WINDOW_MS = 1_000;
/** The histogram's timer period: each recorded delay includes it. */
const RESOLUTION_MS = 10;

export interface LoadShedder {
  /** The middleware in front of an operation of this class: refuses it early, or counts it while it runs. */
  gate(shedClass: ShedClass): MiddlewareHandler;
  /** Requests past the gates and not finished yet. */
  readonly inFlight: number;
  /** The event-loop delay of the last reading, in ms: the mean delay within it. */
  loopDelayMs(): number;
}

/**
 * This process's load, as two signals measured against the knee (LimitsConfig['shed']): requests in
 * flight, and event-loop delay (perf_hooks' monitorEventLoopDelay). The pressure is the larger share;
 * a request of class c is refused while the pressure is at least SHED_FROM[c]. Only requests past
 * their gate count as in flight, so refusals, which cost a few microseconds, never feed the pressure.
 */
export function createLoadShedder(settings: LimitsConfig['shed'], onShed: (shedClass: ShedClass) => void): LoadShedder {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let inFlight = 0;
  // The first reading starts the first window: the process's start-up stalls say nothing about its load.
  let sampledAt = Number.NEGATIVE_INFINITY;
  let delayMs = 0;
  const loopDelayMs = () => {
    const now = Date.now();
    if (now - sampledAt >= LOOP_SAMPLE_MS) {
      const longest = histogram.count > 0 ? histogram.max / 1e6 : 0;
      const mean = histogram.count > 0 ? histogram.mean / 1e6 - RESOLUTION_MS : 0;
      delayMs = now - sampledAt - longest > STALE_WINDOW_MS ? 0 : Math.max(0, mean);
      histogram.reset();
      sampledAt = now;
    }
    return delayMs;
  };
  const pressure = () => Math.max(inFlight / settings.maxInFlight, loopDelayMs() / settings.maxEventLoopDelayMs);
  return {
    get inFlight() {
      return inFlight;
    },
    loopDelayMs,
    gate(shedClass) {
      const from = SHED_FROM[shedClass];
      return async (c, next) => {
        if (settings.enabled && pressure() >= from) {
          onShed(shedClass);
          c.header('Retry-After', String(settings.retryAfterSeconds));
          return errorResponse(c, 503, 'overloaded', `The server is busy: retry in ${settings.retryAfterSeconds} s.`, {
            shedClass,
            retryAfterSeconds: settings.retryAfterSeconds,
          });
        }
        inFlight += 1;
        try {
          await next();
        } finally {
          inFlight -= 1;
        }
      };
    },
  };
}
