import { seatChange, seatSnapshot, streamSeatsOperation } from '@concert/contract';
import type { z } from 'zod';
import { ApiError, apiErrorOf, ContractError } from './errors.js';
import { backoffDelay, sleep, type RetryPolicy } from './retryPolicy.js';
import { sseParser, type SseEvent } from './sseParser.js';

export type SeatSnapshot = z.output<typeof seatSnapshot>;
export type SeatChange = z.output<typeof seatChange>;

export interface WatchSeatsOptions {
  /** The whole seat map: first, and again whenever the stream could not resume where it left off. */
  onSnapshot(snapshot: SeatSnapshot): void;
  /** Seats that have just become `state` (committed), in order, each once. */
  onChange(change: SeatChange): void;
  /** Told of each lost or refused connection before the next attempt (a reconnect is automatic). */
  onReconnect?(reason: unknown, delayMs: number): void;
  /** Aborting ends the watch: the promise then resolves. */
  signal?: AbortSignal;
  /** The pause before the first reconnect (default 500 ms); each next one doubles, with jitter, up to maxDelayMs (default 15 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** What the watch needs from the client: the base URL, fetch, and the headers every call carries. */
export interface StreamTransport {
  url(path: string): string;
  fetch: typeof fetch;
  headers(): Promise<Record<string, string>>;
}

/** Statuses that no retry can change: the caller must act (get a token, wait in line, pick another event). */
const FINAL = new Set([400, 401, 403, 404, 409]);
/** Before the first snapshot tells the heartbeat: the longest silence taken for a live connection. */
const DEFAULT_SILENCE_MS = 45_000;

class Silent extends Error {}

/**
 * Watches an event's seat map over the API's server-sent-event stream, with fetch (browsers and
 * Node alike, headers included: EventSource could not send the queue token). Reconnects by itself
 * after a lost connection, a 5xx, a 429 or a silence longer than the heartbeat allows, with jittered
 * backoff or the server's Retry-After, resuming after the last event seen (Last-Event-ID): the server
 * sends what was missed, or a fresh snapshot. Resolves when the signal aborts; rejects with the
 * ApiError of a refusal no retry can change (401 token, 403 not admitted, 404 event, 409 sale closed).
 */
export async function watchSeats(transport: StreamTransport, concertEventId: number, options: WatchSeatsOptions): Promise<void> {
  const policy: RetryPolicy = {
    retries: Number.POSITIVE_INFINITY,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 15_000,
    maxRetryAfterMs: Number.POSITIVE_INFINITY,
  };
  const path = streamSeatsOperation.path.replace('{concertEventId}', encodeURIComponent(String(concertEventId)));
  const state: { lastEventId?: string; silenceMs: number } = { silenceMs: DEFAULT_SILENCE_MS };
  for (let failures = 0; !options.signal?.aborted; ) {
    let delay: number;
    try {
      const delivered = await connect(transport, transport.url(path), state, options);
      if (options.signal?.aborted) return;
      if (delivered) failures = 0;
      delay = backoffDelay(policy, failures);
      options.onReconnect?.(new Error('The seat stream ended.'), delay);
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof ApiError && FINAL.has(error.status)) throw error;
      if (error instanceof ContractError) throw error;
      const told = error instanceof ApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1_000 : undefined;
      delay = told ?? backoffDelay(policy, failures);
      options.onReconnect?.(error, delay);
    }
    failures += 1;
    try {
      await sleep(delay, options.signal);
    } catch {
      return; // aborted while waiting
    }
  }
}

/** One connection, read to its end; true when it delivered at least one event. */
async function connect(
  transport: StreamTransport,
  url: string,
  state: { lastEventId?: string; silenceMs: number },
  options: WatchSeatsOptions,
): Promise<boolean> {
  const silence = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, silence.signal]) : silence.signal;
  const headers: Record<string, string> = { ...(await transport.headers()), accept: 'text/event-stream' };
  if (state.lastEventId !== undefined) headers['last-event-id'] = state.lastEventId;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = () => {
    clearTimeout(timer);
    timer = setTimeout(() => silence.abort(new Silent('The seat stream went silent.')), state.silenceMs);
  };
  let delivered = false;
  try {
    heard();
    const response = await transport.fetch(url, { headers, signal });
    if (!response.ok || !response.body) throw await refusal(response);
    const parser = sseParser((event) => {
      dispatch(event, state, options);
      delivered = true;
    }, heard);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return delivered;
      heard();
      parser.push(value);
    }
  } catch (error) {
    if (silence.signal.aborted && !options.signal?.aborted) return delivered;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function dispatch(event: SseEvent, state: { lastEventId?: string; silenceMs: number }, options: WatchSeatsOptions): void {
  const schema = event.event === 'snapshot' ? seatSnapshot : event.event === 'change' ? seatChange : undefined;
  if (!schema) return; // an event this SDK does not know yet: a newer API; ignore it
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch {
    throw new ContractError(`streamSeats: a ${event.event} event is not JSON.`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ContractError(`streamSeats: a ${event.event} event does not match the contract: ${parsed.error.message}`);
  if (event.id !== undefined) state.lastEventId = event.id;
  if (event.event === 'snapshot') {
    const snapshot = parsed.data as SeatSnapshot;
    // Silence longer than two heartbeats and a half means the connection is gone without a word.
    state.silenceMs = snapshot.heartbeatSeconds * 2_500;
    options.onSnapshot(snapshot);
  } else options.onChange(parsed.data as SeatChange);
}

/** A refused stream's error, read from its body. */
async function refusal(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    return apiErrorOf(response, JSON.parse(text));
  } catch {
    return apiErrorOf(response, text);
  }
}
