import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';

/** One JSON log line and one metrics observation per request, labelled by route template. */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    // The template (/concerts/:concertId), never the raw path: label values must stay few.
    const route = c.res.status === 404 && routePath(c, -1) === '/*' ? 'unmatched' : routePath(c, -1);
    const status = String(c.res.status);
    metrics.httpRequests.inc({ method: c.req.method, route, status });
    metrics.httpDuration.observe({ method: c.req.method, route, status }, durationMs / 1_000);
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(durationMs * 100) / 100,
      },
      'request',
    );
  };
}
