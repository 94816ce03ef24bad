import type { z } from 'zod';

export type QueuePlaceCheck = 'active' | 'reported' | 'unread';

/**
 * How early an operation is refused (503 overloaded, before any work) when an API process is past
 * its knee: `entry` first (joining the line, topping up: cheap to refuse, easy to retry), `browse`
 * next (catalog and status reads), `purchase` last (the steps of buyers already admitted).
 */
export type ShedClass = 'entry' | 'browse' | 'purchase';

/**
 * One API operation, defined once: the API builds its route and OpenAPI entry from it, the SDK its
 * typed call. Neither can drift from the other because neither restates it.
 */
export interface Operation<
  Params extends z.ZodObject | undefined = z.ZodObject | undefined,
  Query extends z.ZodObject | undefined = z.ZodObject | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI style: /api/v1/concerts/{concertId}/available-events */
  path: string;
  summary: string;
  tags: string[];
  /**
   * `queueToken`: the `User-Token` header must carry a valid queue token of the caller; the API's
   * gate checks it, as `queuePlace` says, before the operation runs.
   */
  auth: 'none' | 'queueToken';
  /**
   * What a `queueToken` operation asks of the token's place in the waiting room:
   * `active` (the default): its user must be past the waiting room (403 token_not_active otherwise);
   * `reported`: any place passes, and the operation is told whether the user is active (a user who
   * paid has left the active set, yet may replay that payment);
   * `unread`: the gate checks the token alone, for the operations about the place itself (status, leave).
   */
  queuePlace?: QueuePlaceCheck;
  /**
   * The rate limits it counts against (per client address and per user): operations that spend
   * something scarce, a place in line, money or a seat. Over a limit it answers 429 rate_limited.
   */
  rateLimit?: 'queueToken' | 'charge' | 'payment' | 'hold';
  /** Its priority under overload (ShedClass): which requests a busy process refuses first. */
  shedClass: ShedClass;
  /** Whether the operation honours an `Idempotency-Key` header. */
  idempotent?: boolean;
  params?: Params;
  query?: Query;
  body?: Body;
  /** The 200 answer. */
  response: Response;
  /**
   * Set for a stream: the 200 is `text/event-stream`, and each event's `data` is JSON of the schema
   * named by its event name.
   */
  events?: Record<string, z.ZodType>;
  /** The error statuses this operation can answer besides 400 and 500, with what they mean. */
  errors: Partial<Record<401 | 403 | 404 | 409 | 422 | 429 | 503, string>>;
}

export const defineOperation = <
  Params extends z.ZodObject | undefined = undefined,
  Query extends z.ZodObject | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Response extends z.ZodType = z.ZodType,
>(
  operation: Operation<Params, Query, Body, Response>,
) => operation;
