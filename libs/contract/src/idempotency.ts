import * as z from 'zod';

/**
 * The optional `Idempotency-Key` header of an operation marked `idempotent`: a retry with the same
 * key and body answers what the first request answered. Header names arrive lower-cased.
 */
export const idempotencyKeyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().meta({
    description: 'Any unique string per logical request (a UUID); kept per user and route for IDEMPOTENCY_TTL_HOURS.',
  }),
});
