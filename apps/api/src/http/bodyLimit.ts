import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './errorBody.js';

/**
 * Refuses a body larger than `maxBytes` with 413 payload_too_large: at once when its Content-Length
 * says so (nothing read), or as soon as a chunked body passes the limit (at most that much held).
 * The connection is closed after the answer, so the rest of the body is never read.
 */
export const limitBody = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('Connection', 'close');
      return errorResponse(c, 413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
    },
  });
