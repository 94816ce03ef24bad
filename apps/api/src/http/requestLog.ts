import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import type { AppEnv } from './appEnv.js';

/**
 * One JSON log line and one latency observation per request, labelled by route template (the
 * request count is the histogram's `_count`). The request's own child logger, bound to its request
 * id, is `c.var.logger` for anything else logged about it.
 */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestLogger = logger.child({ requestId: c.var.requestId });
    c.set('logger', requestLogger);
    await next();
    const durationMs = performance.now() - started;
    const { method, path } = c.req;
    const { status } = c.res;
    const route = status === 404 && routePath(c, -1) === '/*' ? 'unmatched' : routePath(c, -1);
    metrics.httpDuration.observe({ method, route, status: String(status) }, durationMs / 1_000);
    requestLogger.info({ method, route, path, status, durationMs: Math.round(durationMs * 100) / 100 }, 'request');
  };
}
