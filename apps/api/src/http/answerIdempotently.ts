import { createHash } from 'node:crypto';
import {
  isDomainError,
  runIdempotently,
  type IdempotencyContext,
  type IdempotencySeal,
  type IdempotentCompletion,
} from '@concert/domain';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorResponse } from './errorBody.js';
import { errorStatus } from './errorStatus.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

export interface IdempotentRequest {
  /** Whose key it is: keys are per user and route. */
  userId: number;
  /** The operation id. */
  route: string;
  /** The validated body: the same key with another body is refused. */
  body: unknown;
}

/**
 * Runs a handler at most once per `Idempotency-Key` (see runIdempotently): a retry gets the stored
 * status and body, marked with `Idempotent-Replayed: true`. Without the header it just runs. The
 * handler's domain errors are answers too (a refused payment is refused again on retry), so they
 * are turned into their response here and stored like a success. `handle` gets the key's seal (none
 * without the header) when its operation must store its answer in its own transaction (see
 * `recordAnswer`).
 */
export async function answerIdempotently<Answer extends Response>(
  c: Context,
  ctx: IdempotencyContext,
  request: IdempotentRequest,
  handle: (seal?: IdempotencySeal) => Promise<Answer>,
): Promise<Answer> {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return handle();
  const { outcome, replayed } = await runIdempotently({
    ctx,
    input: {
      scope: { userId: request.userId, route: request.route, key },
      requestHash: createHash('sha256').update(JSON.stringify(request.body)).digest('hex'),
      execute: async (seal) => {
        const response = await answerDomainErrors(c, () => handle(seal));
        return { statusCode: response.status, body: await response.json() };
      },
    },
  });
  if (replayed) c.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  // What `handle` answered (or the error envelope any route may answer), so it has the route's type.
  return c.json(outcome.body, outcome.statusCode as ContentfulStatusCode) as unknown as Answer;
}

/**
 * The key's finished record for an operation that stores its 200 answer inside its own transaction:
 * `body` must build the very body the handler answers, so a retry replays what the first got.
 */
export function recordAnswer<Result>(
  seal: IdempotencySeal | undefined,
  body: (result: Result) => unknown,
): ((result: Result) => IdempotentCompletion) | undefined {
  return seal && ((result) => ({ ...seal, outcome: { statusCode: 200, body: body(result) } }));
}

/** The handler's answer, its domain errors turned into their error responses (stored like a success). */
async function answerDomainErrors(c: Context, handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorResponse(c, errorStatus[error.code], error.code, error.message, error.details);
  }
}
