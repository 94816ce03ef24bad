/** The scenarios' client over undici, recording into the run's `Recorder`. */
import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import type { ApiCall, ApiResponse, LoadClient } from '../scenarios/client.ts';
import { endpoints, parseJson, pathOf, requestHeaders, retryAfterSeconds } from '../scenarios/endpoints.ts';
import type { Recorder } from './recorder.ts';

export interface UndiciClientOptions {
  baseUrl: string;
  /** One keep-alive connection per VU, as k6 has. */
  connections: number;
  recorder: Recorder;
  /** Aborts requests and sleeps when the run is cut short. */
  signal: AbortSignal;
}

export function undiciClient({ baseUrl, connections, recorder, signal }: UndiciClientOptions) {
  const origin = new URL(baseUrl);
  const basePath = origin.pathname.replace(/\/$/, '');
  const pool = new Pool(origin.origin, { connections, pipelining: 1 });

  const client: LoadClient = {
    async call({ endpoint, params, body, token }: ApiCall): Promise<ApiResponse> {
      const headers = requestHeaders(token);
      const startedMs = recorder.elapsedMs();
      try {
        const response = await pool.request({
          method: endpoints[endpoint].method,
          path: `${basePath}${pathOf(endpoint, params)}`,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        });
        const text = await response.body.text();
        recorder.request(endpoint, startedMs, recorder.elapsedMs() - startedMs, response.statusCode >= 400);
        return { status: response.statusCode, json: parseJson(text), retryAfterSeconds: retryAfterSeconds(response.headers['retry-after']) };
      } catch (error) {
        if (signal.aborted) throw error;
        // k6 reports a refused or reset connection as status 0, a failed request.
        recorder.request(endpoint, startedMs, recorder.elapsedMs() - startedMs, true);
        return { status: 0, json: null };
      }
    },
    async sleep(seconds) {
      if (seconds > 0) await delay(seconds * 1000, undefined, { signal });
    },
    check(name, ok) {
      recorder.check(name, ok);
      return ok;
    },
    add(metric, value) {
      recorder.add(metric, value);
    },
    elapsedMs: () => recorder.elapsedMs(),
  };
  return { client, close: () => pool.destroy() };
}
