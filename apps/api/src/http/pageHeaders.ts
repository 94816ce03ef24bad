import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Files whose names carry a hash of their content: a browser may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The headers of a page this API serves itself (the docs, the storefront): it may load and call
 * only this origin (its scripts and styles are files served here, its fetches go to this API) and
 * runs no inline script. Inline style attributes are blocked too; both pages read the same without them.
 */
export const sameOriginPage = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });

/** Cache-Control on a 200 answer only: a 404 for a missing file is not to be kept. */
export const cacheWhenFound =
  (value: string): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', value);
  };
