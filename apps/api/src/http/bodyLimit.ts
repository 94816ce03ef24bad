import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './errorBody.js';

/**
 * Refuses a body larger than `maxBytes` with 413 payload_too_large: at once when its Content-Length
 * says so (nothing read), or as soon as a chunked body passes the limit (at most that much held).
 * The connection is closed after the answer, so the rest of the body is never read.
 */
export const limitBody = (maxBytes: number): MiddlewareHandler => {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('Connection', 'close');
      return errorResponse(c, 413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
    },
  });
  // No route reads the body of a GET or HEAD, and looking for one would make @hono/node-server build
  // a full fetch Request for every catalog read (the bulk of a cached answer's CPU).
  return (c, next) => (BODILESS_METHODS.has(c.req.method) ? next() : limit(c, next));
};

const BODILESS_METHODS = new Set(['GET', 'HEAD']);
