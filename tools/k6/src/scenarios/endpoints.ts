/** The contract's endpoints the scenarios call (`/work/shared/seed/api-contract.md`), grouped by route template. */
export const endpoints = {
  charge: { method: 'PATCH', route: '/api/v1/users/{userId}/wallet/charge' },
  token: { method: 'POST', route: '/api/v1/queue/token' },
  status: { method: 'GET', route: '/api/v1/queue/status' },
  leave: { method: 'DELETE', route: '/api/v1/queue/token' },
  concerts: { method: 'GET', route: '/api/v1/concerts' },
  events: { method: 'GET', route: '/api/v1/concerts/{concertId}/available-events' },
  seats: { method: 'GET', route: '/api/v1/concert-events/{concertEventId}/available-seats' },
  occupy: { method: 'POST', route: '/api/v1/concert-events/{concertEventId}/occupy' },
  reserve: { method: 'POST', route: '/api/v1/concert-events/{concertEventId}/reserve' },
  pay: { method: 'POST', route: '/api/v1/payments' },
} as const;

export type EndpointId = keyof typeof endpoints;

/** The name a request is reported under, like k6's `name` tag: `GET /api/v1/concerts/{concertId}/available-events`. */
export function endpointName(id: EndpointId): string {
  const { method, route } = endpoints[id];
  return `${method} ${route}`;
}

/** The concrete path of a call: `{placeholders}` replaced by `params`. */
export function pathOf(id: EndpointId, params: Record<string, number> = {}): string {
  return endpoints[id].route.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`${endpointName(id)}: no value for {${key}}`);
    return String(value);
  });
}

/** The headers of every call: JSON, and the queue token when there is one. */
export function requestHeaders(token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['user-token'] = token;
  return headers;
}

/** A response body as JSON, or null when it is empty or not JSON (an error page, a reset). */
export function parseJson(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** A Retry-After header in seconds; undefined when absent or not the delay-seconds form the API sends. */
export function retryAfterSeconds(header: unknown): number | undefined {
  return typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
}
