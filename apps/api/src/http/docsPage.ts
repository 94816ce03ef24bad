import { createHash } from 'node:crypto';
import { swaggerUI } from '@hono/swagger-ui';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Swagger UI's files, pinned: the CSP names exactly where scripts and styles may come from. */
const SWAGGER_UI_VERSION = '5.35.0';
const ASSETS = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI_VERSION}/`;

/** The page's one inline script, allowed by its hash rather than by 'unsafe-inline'. */
const BOOT = "window.onload = () => { window.ui = SwaggerUIBundle({ dom_id: '#swagger-ui', url: '/openapi.json' }); };";
const BOOT_HASH = `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`;

/**
 * GET /docs: Swagger UI over /openapi.json, under a strict CSP: scripts only from the pinned
 * Swagger UI and this page's own hashed boot script, requests only to this origin, no framing.
 */
export function docsPage(): [MiddlewareHandler, MiddlewareHandler] {
  const policy = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [ASSETS, BOOT_HASH],
      styleSrc: [ASSETS],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
  const page = swaggerUI({
    url: '/openapi.json',
    manuallySwaggerUIHtml: () => `
      <div id="swagger-ui"></div>
      <link rel="stylesheet" href="${ASSETS}swagger-ui.css" />
      <script src="${ASSETS}swagger-ui-bundle.js" crossorigin="anonymous"></script>
      <script>${BOOT}</script>`,
  });
  return [policy, page];
}
