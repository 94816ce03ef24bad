import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';

/** What one request's log line and metrics say. */
export interface RequestRecord {
  requestId: string;
  method: string;
  /** The template (/concerts/:concertId), never the raw path: label values must stay few. */
  route: string;
  path: string;
  status: number;
  durationMs: number;
}

/** One JSON log line and one metrics observation: shared by the Hono middleware and the catalog fast path. */
export function logRequest(logger: Logger, metrics: Metrics, record: RequestRecord): void {
  const { method, route, durationMs } = record;
  const status = String(record.status);
  metrics.httpRequests.inc({ method, route, status });
  metrics.httpDuration.observe({ method, route, status }, durationMs / 1_000);
  logger.info({ ...record, durationMs: Math.round(durationMs * 100) / 100 }, 'request');
}

/** One JSON log line and one metrics observation per request, labelled by route template. */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.res.status === 404 && routePath(c, -1) === '/*' ? 'unmatched' : routePath(c, -1);
    logRequest(logger, metrics, {
      requestId: c.get('requestId'),
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      durationMs: performance.now() - started,
    });
  };
}
