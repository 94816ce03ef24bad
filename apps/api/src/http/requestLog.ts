import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import { accessLog, type AccessRecord } from '../observability/accessLog.js';
import type { Metrics } from '../observability/metrics.js';

/** Records one request of a route: one JSON log line and one latency observation. */
type RouteRecorder = (record: AccessRecord) => void;

/**
 * Recorders per (method, route template), made once and kept: the route's log line prefix is built
 * once (accessLog) and its label sets are reused, which keeps the per-request cost low on the cached
 * catalog path (docs/benchmarks.md). Route templates and HTTP methods are few, so the map stays
 * small. The request count is the latency histogram's `_count`.
 */
function routeRecorders(logger: Logger, metrics: Metrics): (method: string, route: string) => RouteRecorder {
  const recorders = new Map<string, RouteRecorder>();
  const make = (method: string, route: string): RouteRecorder => {
    const writeLine = accessLog(logger, method, route);
    const labelsByStatus = new Map<number, { method: string; route: string; status: string }>();
    return ({ requestId, path, status, durationMs }) => {
      let labels = labelsByStatus.get(status);
      if (!labels) labelsByStatus.set(status, (labels = { method, route, status: String(status) }));
      metrics.httpDuration.observe(labels, durationMs / 1_000);
      writeLine({ requestId, path, status, durationMs: Math.round(durationMs * 100) / 100 });
    };
  };
  return (method, route) => {
    const key = `${method} ${route}`;
    let recorder = recorders.get(key);
    if (!recorder) recorders.set(key, (recorder = make(method, route)));
    return recorder;
  };
}

/** One JSON log line and one metrics observation per request, labelled by route template. */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  const recorderFor = routeRecorders(logger, metrics);
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.res.status === 404 && routePath(c, -1) === '/*' ? 'unmatched' : routePath(c, -1);
    recorderFor(c.req.method, route)({
      requestId: c.get('requestId'),
      path: c.req.path,
      status: c.res.status,
      durationMs: performance.now() - started,
    });
  };
}
