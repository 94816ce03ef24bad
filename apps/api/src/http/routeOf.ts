import { actingUserInputs, errorBody, idempotencyKeyHeaders, lastEventIdHeaders, type Operation } from '@concert/contract';
import { z as zod } from 'zod';
import { createRoute } from '@hono/zod-openapi';
import type { z } from 'zod';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

type RequestOf<Params, Query, Body> = (Params extends z.ZodObject ? { params: Params } : object) &
  (Query extends z.ZodObject ? { query: Query } : object) &
  (Body extends z.ZodType ? { body: { content: { 'application/json': { schema: Body } }; required: true } } : object);

/** The operation's own error statuses, plus what the identity check answers (AUTH_MODE jwt or gateway). */
function documentedErrors(operation: Operation): Operation['errors'] {
  const actsForUser = actingUserInputs(operation).length > 0 || operation.auth === 'queueToken';
  const shared: Operation['errors'] = {
    401: 'identity_missing or identity_invalid: no valid identity',
    ...(actsForUser ? { 403: 'identity_mismatch: the request acts for another user than the authenticated one' } : {}),
  };
  const merged: Operation['errors'] = { ...operation.errors };
  for (const [status, description] of Object.entries(shared) as unknown as [keyof Operation['errors'], string][]) {
    const own = operation.errors[status];
    merged[status] = own === undefined ? description : `${own}; ${description}`;
  }
  return merged;
}

/** A stream's 200: text/event-stream, each event's `data` one of its schemas, told apart by the event name. */
const eventStream = (events: Record<string, z.ZodType>) => ({
  description: `Server-sent events: ${Object.keys(events).join(', ')} (each \`data\` is JSON, the event named in \`event:\`, its sequence in \`id:\`)`,
  content: {
    'text/event-stream': {
      schema: zod.union(Object.entries(events).map(([name, schema]) => schema.meta({ title: name }))),
    },
  },
});

/** The Hono/OpenAPI route of a contract operation: its schemas validate requests and document them. */
export function routeOf<
  Params extends z.ZodObject | undefined,
  Query extends z.ZodObject | undefined,
  Body extends z.ZodType | undefined,
  Response extends z.ZodType,
>(operation: Operation<Params, Query, Body, Response>) {
  const request = {
    ...(operation.params ? { params: operation.params } : {}),
    ...(operation.query ? { query: operation.query } : {}),
    ...(operation.body
      ? { body: { content: { 'application/json': { schema: operation.body } }, required: true as const } }
      : {}),
    // Validated (400 naming the header when malformed) and documented; read by http/answerIdempotently.ts.
    ...(operation.idempotent ? { headers: idempotencyKeyHeaders } : {}),
    // A stream resumes after the last event its client saw (400 naming the header when malformed).
    ...(operation.events ? { headers: lastEventIdHeaders } : {}),
  } as RequestOf<Params, Query, Body>;
  const errors = Object.fromEntries(
    Object.entries(documentedErrors(operation)).map(([status, description]) => [status, json(errorBody, description)]),
  );
  return createRoute({
    method: operation.method,
    path: operation.path,
    operationId: operation.operationId,
    summary: operation.summary,
    tags: operation.tags,
    // Every /api/v1 operation acts for the caller's identity (a bearer token in AUTH_MODE=jwt); gated ones need a queue token too.
    security: [{ BearerAuth: [], ...(operation.auth === 'queueToken' ? { UserToken: [] } : {}) }],
    request,
    responses: {
      200: operation.events ? eventStream(operation.events) : json(operation.response, 'OK'),
      400: json(errorBody, 'Invalid request: error.details names the fields'),
      ...(operation.rateLimit
        ? { 429: json(errorBody, 'rate_limited: too many requests from this address or user; retry after Retry-After') }
        : {}),
      ...(operation.body ? { 413: json(errorBody, 'payload_too_large: the body is larger than BODY_LIMIT_BYTES') } : {}),
      // MySQL or Redis out of reach answers this instead of a 500, with Retry-After; so does a process past its knee.
      503: json(
        errorBody,
        `${operation.auth === 'queueToken' ? 'database_unavailable or queue_unavailable (the waiting room)' : 'database_unavailable'}: ` +
          `out of reach; or overloaded: refused before any work (shed class ${operation.shedClass}); retry after Retry-After`,
      ),
      ...errors,
    },
  });
}
