import type { Operation } from '@concert/contract';
import type { z } from 'zod';
import { apiErrorOf, ContractError, NetworkError } from './errors.js';
import { randomKey } from './randomKey.js';
import { backoffDelay, defaultRetryPolicy, retryAfterJitter, retryAfterMs, sleep, type RetryPolicy } from './retryPolicy.js';

export interface TransportOptions {
  /** e.g. http://127.0.0.1:8080 (no trailing /api/v1: operation paths carry it). */
  baseUrl: string;
  /** Injected for tests, other runtimes or instrumentation; the global fetch by default. */
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /**
   * The user's access token, sent as `Authorization: Bearer` (an API with AUTH_MODE=jwt requires it):
   * the token, or a function that returns the current one (it may refresh it), called for every call.
   */
  bearerToken?: string | (() => string | Promise<string>);
  /** Check every answer against the contract's schema (default true). */
  validateResponses?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** For idempotent operations: reuse a key to retry a call made earlier. A new one is made otherwise. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

// The parsed (output) side: what a caller holds. Path ids are coerced from strings on the server,
// so their input side is `unknown`; the SDK asks for the numbers they parse to.
// `params?: P` reads as `P | undefined`: drop the undefined, or every input would also accept `object`.
type Part<S> = [NonNullable<S>] extends [never] ? object : NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : object;

/** A call's input: path params, query and body fields in one object, as their schemas say. */
export type InputOf<O extends Operation> = Part<O['params']> & Part<O['query']> & Part<O['body']>;
export type OutputOf<O extends Operation> = z.output<O['response']>;

/** Keeps the user's queue token: set once after issuing it, sent on every call. */
export interface TokenHolder {
  token: string | undefined;
}

const SAFE_METHODS = new Set(['get', 'head']);

function splitInput(operation: Operation, input: Record<string, unknown>) {
  const pathKeys = new Set(Object.keys(operation.params?.shape ?? {}));
  const queryKeys = new Set(Object.keys(operation.query?.shape ?? {}));
  const path = operation.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(input[key])));
  const query = new URLSearchParams();
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (pathKeys.has(key) || value === undefined) continue;
    if (queryKeys.has(key)) query.set(key, String(value));
    else body[key] = value;
  }
  const search = query.size > 0 ? `?${query}` : '';
  return { path: `${path}${search}`, body: operation.body ? body : undefined };
}

/** Whether a 503 is load shedding's `overloaded`: refused before the API did anything, so any call may be sent again. */
async function refusedUnstarted(response: Response): Promise<boolean> {
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
  return body?.error?.code === 'overloaded';
}

export class Transport {
  private readonly fetchImpl: typeof fetch;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly options: TransportOptions,
    private readonly tokens: TokenHolder,
  ) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.retry = { ...defaultRetryPolicy, ...options.retry };
  }

  /** The headers of every call: the extra ones, the bearer token and the queue token. */
  async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { ...this.options.headers };
    const bearer = typeof this.options.bearerToken === 'function' ? await this.options.bearerToken() : this.options.bearerToken;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (this.tokens.token) headers['user-token'] = this.tokens.token;
    return headers;
  }

  /** The address of an operation's path (which carries /api/v1) on this API. */
  url(path: string): string {
    return `${this.options.baseUrl.replace(/\/$/, '')}${path}`;
  }

  get fetch(): typeof fetch {
    return this.fetchImpl;
  }

  async call<O extends Operation>(operation: O, input: InputOf<O>, options: CallOptions = {}): Promise<OutputOf<O>> {
    const { path, body } = splitInput(operation, (input ?? {}) as Record<string, unknown>);
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.headers()), ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // One key for the call, kept across this SDK's own retries: the API answers a retry with the first result.
    if (operation.idempotent) headers['idempotency-key'] = options.idempotencyKey ?? randomKey();
    const retryable = SAFE_METHODS.has(operation.method) || operation.idempotent === true;
    const url = this.url(path);
    const init = { method: operation.method.toUpperCase(), headers, body: body && JSON.stringify(body) };

    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await this.attempt(url, init, options.signal);
        const delay = await this.retryDelay(response, retryable, attempt);
        if (delay !== undefined) {
          await response.body?.cancel();
          await sleep(delay, options.signal);
          continue;
        }
        return await this.read(operation, response);
      } catch (error) {
        if (!(error instanceof NetworkError) || !retryable || attempt >= this.retry.retries) throw error;
        await sleep(backoffDelay(this.retry, attempt), options.signal);
      }
    }
  }

  /**
   * How long to wait before trying again, or undefined to answer now. A 429, and a 503 `overloaded`
   * (load shedding), are retried whatever the method: the API refuses them before doing any work. Any
   * other 5xx only when the call is safe to repeat. The server's Retry-After is waited as told, plus
   * jitter, unless it is longer than maxRetryAfterMs.
   */
  private async retryDelay(response: Response, retryable: boolean, attempt: number): Promise<number | undefined> {
    if (attempt >= this.retry.retries) return undefined;
    const again =
      response.status === 429 || (response.status >= 500 && retryable) || (response.status === 503 && (await refusedUnstarted(response)));
    if (!again) return undefined;
    const told = retryAfterMs(response.headers.get('retry-after'));
    if (told === undefined) return backoffDelay(this.retry, attempt);
    return told <= this.retry.maxRetryAfterMs ? retryAfterJitter(told) : undefined;
  }

  private async attempt(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await this.fetchImpl(url, { ...init, signal: combined });
    } catch (error) {
      // The caller's abort is final; our own timeout is a network failure worth a retry.
      if (signal?.aborted) throw signal.reason;
      const reason = timeout.aborted ? `timed out after ${this.options.timeoutMs ?? 10_000} ms` : String(error);
      throw new NetworkError(`${init.method} ${url} failed: ${reason}`, { cause: error });
    }
  }

  private async read<O extends Operation>(operation: O, response: Response): Promise<OutputOf<O>> {
    const text = await response.text();
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch {
      // A proxy's HTML error page is still an HTTP error; a 200 that is not JSON breaks the contract.
      if (response.ok) throw new ContractError(`${operation.operationId}: the answer (${response.status}) is not JSON.`);
      payload = text;
    }
    if (!response.ok) throw apiErrorOf(response, payload);
    if (this.options.validateResponses === false) return payload as OutputOf<O>;
    const parsed = operation.response.safeParse(payload);
    if (!parsed.success) {
      throw new ContractError(`${operation.operationId}: the answer does not match the contract: ${parsed.error.message}`);
    }
    return parsed.data as OutputOf<O>;
  }
}
