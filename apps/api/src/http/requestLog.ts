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
  const record = requestRecorder(metrics);
  return async (c, next) => {
    const started = performance.now();
    const requestLogger = logger.child({ requestId: c.var.requestId });
    c.set('logger', requestLogger);
    await next();
    const { status } = c.res;
    const route = status === 404 && routePath(c, -1) === '/*' ? 'unmatched' : routePath(c, -1);
    record(requestLogger, { method: c.req.method, route, path: c.req.path, status, started });
  };
}

export interface AnsweredRequest {
  method: string;
  /** The route's template, as `metrics.httpDuration` labels it. */
  route: string;
  path: string;
  status: number;
  /** performance.now() when the request arrived. */
  started: number;
}

/** The request's log line and latency observation, for every answer (requestLog, and answers sent before it). */
export const requestRecorder =
  (metrics: Metrics) =>
  (logger: Logger, { method, route, path, status, started }: AnsweredRequest): void => {
    const durationMs = performance.now() - started;
    metrics.httpDuration.observe({ method, route, status: String(status) }, durationMs / 1_000);
    logger.info({ method, route, path, status, durationMs: Math.round(durationMs * 100) / 100 }, 'request');
  };
