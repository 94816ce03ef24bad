import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The contract's error envelope: {"error": {"code", "message", "details"?}}. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: unknown,
) {
  return c.json({ error: details === undefined ? { code, message } : { code, message, details } }, status);
}
