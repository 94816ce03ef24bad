import { listConcertsOperation } from '@concert/contract';
import type { MiddlewareHandler } from 'hono';
import type { Services } from '../services.js';
import { CONCERT_LIST_KEY } from '../routes/catalog/listConcerts.js';
import type { AppEnv } from './appEnv.js';
import { requestRecorder } from './requestLog.js';
import { readyAnswer } from './sendCachedBody.js';

/**
 * Headers of the chain's answer that belong to one request or to one body; everything else on the
 * list's answer (Vary and Cache-Control included) is the same for every anonymous request, and is kept.
 */
const PER_ANSWER = new Set([
  'x-request-id',
  'etag',
  'content-type',
  'content-encoding',
  'content-length',
  'connection',
  'date',
]);

/**
 * `GET /api/v1/concerts` from process memory, registered before every other middleware. The list is
 * the read a whole on-sale crowd repeats; through the full chain a cached answer costs about three
 * times the CPU of this one (undici Headers built and validated per request for a dozen constant
 * headers, a child logger), which docs/benchmarks.md measures side by side.
 *
 * It copies no rule of the chain. Until the chain has answered the list once (a cold process, whose
 * memory is empty anyway), everything goes through it; from that answer it keeps the headers that do
 * not vary per request (security headers, CORS for any origin, whatever a later middleware adds) and
 * sends them with the cached bytes (readyAnswer), a fresh request id, and the same log line and
 * metric (requestRecorder). Identity is checked by the same reader as `identify`. A request it is not
 * sure about goes through the chain: an Origin when origins are listed, a client's own request id, a
 * refused identity, the list behind the waiting room, nothing in memory.
 */
export function concertListFromMemory({ catalogCache, config, logger, metrics, readIdentity }: Services): MiddlewareHandler<AppEnv> {
  const record = requestRecorder(metrics);
  const anyOrigin = config.http.corsOrigins.includes('*');
  const route = listConcertsOperation.path;
  let chainHeaders: Record<string, string> | undefined;

  const rememberChainHeaders = (answer: Response) => {
    if (answer.status !== 200) return;
    chainHeaders = {};
    for (const [name, value] of answer.headers) if (!PER_ANSWER.has(name)) chainHeaders[name] = value;
  };

  const mayAnswer = async (header: (name: string) => string | undefined) =>
    chainHeaders !== undefined &&
    header('x-request-id') === undefined &&
    (anyOrigin || header('origin') === undefined) &&
    (await readIdentity(header).then(
      () => true,
      () => false,
    ));

  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.path !== route || config.queue.gateConcertList) return next();
    const started = performance.now();
    const header = (name: string) => c.req.header(name);
    const entry = (await mayAnswer(header)) ? catalogCache.peek(CONCERT_LIST_KEY) : undefined;
    if (!entry || !chainHeaders) {
      await next();
      if (anyOrigin || header('origin') === undefined) rememberChainHeaders(c.res);
      return;
    }
    const { status, headers, bytes } = readyAnswer(entry, header('if-none-match'), header('accept-encoding'));
    const requestId = crypto.randomUUID();
    record(logger.child({ requestId }), { method: 'GET', route, path: route, status, started });
    return new Response(bytes, { status, headers: { ...headers, ...chainHeaders, 'x-request-id': requestId } });
  };
}
