/** The scenarios' client over k6: `http.asyncRequest`, `check`, `sleep` and k6 metrics. */
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import { type ApiCall, type ApiResponse, type CustomMetric, customMetrics, type LoadClient } from '../scenarios/client.ts';
import { endpointName, endpoints, parseJson, pathOf, requestHeaders, retryAfterSeconds } from '../scenarios/endpoints.ts';

type K6Metric = Counter | Rate | Trend;

function declareMetrics(): Record<CustomMetric, K6Metric> {
  const kinds = { counter: Counter, rate: Rate, trend: Trend };
  const entries = Object.entries(customMetrics).map(([name, kind]) => [name, new kinds[kind](name)]);
  return Object.fromEntries(entries) as Record<CustomMetric, K6Metric>;
}


/** Must be called in k6's init context (module scope), where metrics can be declared. */
export function k6Client(baseUrl: string): LoadClient {
  const metrics = declareMetrics();
  return {
    async call({ endpoint, params, body, token }: ApiCall): Promise<ApiResponse> {
      const headers = requestHeaders(token);
      // `name` groups URLs by route template in k6's output; `step` is the short tag thresholds use.
      const tags = { name: endpointName(endpoint), step: endpoint };
      const payload = body === undefined ? null : JSON.stringify(body);
      const url = `${baseUrl}${pathOf(endpoint, params)}`;
      const response = await http.asyncRequest(endpoints[endpoint].method, url, payload, { headers, tags });
      return { status: response.status, json: parseJson(response.body), retryAfterSeconds: retryAfterSeconds(response.headers['Retry-After']) };
    },
    async sleep(seconds) {
      if (seconds > 0) sleep(seconds);
    },
    check(name, ok) {
      return check(ok, { [name]: (value) => value });
    },
    add(metric, value) {
      metrics[metric].add(value);
    },
    elapsedMs() {
      return exec.instance.currentTestRunDuration;
    },
  };
}
