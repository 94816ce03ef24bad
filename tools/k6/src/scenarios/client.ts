/**
 * The one surface scenario code sees. Real k6 implements it with `http.asyncRequest` and its
 * metrics (`src/k6/k6Client.ts`); the Node runner with undici and its own recorder
 * (`src/node/undiciClient.ts`). So each scenario is written once and runs under both.
 *
 * This folder is loaded by k6 itself: no Node module, no npm package, relative `.ts` imports only.
 */
import type { EndpointId } from './endpoints.ts';

export interface ApiCall {
  endpoint: EndpointId;
  /** Values of the route template's `{placeholders}`. */
  params?: Record<string, number>;
  body?: unknown;
  /** Sent as the `User-Token` header. */
  token?: string;
}

export interface ApiResponse {
  status: number;
  /** The parsed JSON body, or null when there was none or it was not JSON. */
  json: unknown;
  /** The Retry-After header in seconds (delay-seconds form), when the answer has one. */
  retryAfterSeconds?: number;
}

/** Metrics the scenarios record besides the built-in ones; k6 declares them in its init context. */
export const customMetrics = {
  /** The seed's error rate: a step answered something other than what the flow expects. */
  errors: 'rate',
  /** Completed purchases (payment answered 200). */
  purchases: 'counter',
  holds_won: 'counter',
  /** Hold attempts that lost the seat to someone else: expected under contention, not an error. */
  holds_lost: 'counter',
  /** Milliseconds since the start at which a buyer found no seat left; its min is the sold-out time. */
  sold_out_at: 'trend',
  /** Seconds a buyer waited in the queue before being admitted. */
  queue_wait: 'trend',
  /** Buyers admitted (their status answered position 0). */
  admitted: 'counter',
  /** Answers 503 overloaded (load shedding): refused before any work, retried after Retry-After. */
  shed: 'counter',
  /** Answers 429 rate_limited, retried after Retry-After likewise. */
  rate_limited: 'counter',
} as const;

export type CustomMetric = keyof typeof customMetrics;
export type MetricKind = (typeof customMetrics)[CustomMetric] | 'counter' | 'rate' | 'trend';

export interface LoadClient {
  call(call: ApiCall): Promise<ApiResponse>;
  /** Pauses this virtual user (k6's `sleep`). */
  sleep(seconds: number): Promise<void>;
  /** Records a named check, as k6's `check` does; returns `ok`. */
  check(name: string, ok: boolean): boolean;
  add(metric: CustomMetric, value: number | boolean): void;
  /** Milliseconds since the test started. */
  elapsedMs(): number;
}

/** Settings a run passes to its scenario (k6: `-e NAME=value`; the Node runner: options). */
export interface ScenarioParams {
  /** What each buyer charges to the wallet first. */
  chargeAmount: number;
  /** The flash sale's concert and event; when absent, the first of the catalog. */
  concertId?: number;
  eventId?: number;
  /** The flash sale's first user id: buyers are `userIdBase + iteration`, all distinct. */
  userIdBase: number;
}

export interface IterationContext {
  /** 1-based, unique in the test. */
  vu: number;
  /** 0-based, unique in the test across all VUs. */
  iterationInTest: number;
  /** State kept by one VU across its iterations (k6: module scope, which is per VU). */
  vuState: Record<string, unknown>;
  params: ScenarioParams;
}
