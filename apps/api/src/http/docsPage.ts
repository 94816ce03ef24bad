import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import swaggerUiDist from 'swagger-ui-dist/absolute-path.js';
import type { App } from './appEnv.js';
import { cacheWhenFound, IMMUTABLE, sameOriginPage } from './pageHeaders.js';

/** Swagger UI's files come from the pinned `swagger-ui-dist` package, served by this API: no CDN. */
const SWAGGER_UI_DIR = swaggerUiDist();
const ASSETS = '/docs/assets';
/** The package's files the page uses; no other file of the package is served. */
const FILES = ['swagger-ui.css', 'favicon-32x32.png', 'swagger-ui-bundle.js'] as const;

/** The page's own boot script, a file like the others so that the CSP needs no inline script. */
const BOOT = "window.onload = () => { window.ui = SwaggerUIBundle({ dom_id: '#swagger-ui', url: '/openapi.json' }); };\n";

/** Each asset's URL carries its content's hash, so a browser may keep it for a year and still never runs a stale one. */
const fingerprint = (content: string | Buffer) => createHash('sha256').update(content).digest('hex').slice(0, 12);
const bootUrl = `${ASSETS}/boot.js?v=${fingerprint(BOOT)}`;

const page = (cssUrl: string, iconUrl: string, bundleUrl: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Concert reservation API</title>
  <link rel="stylesheet" href="${cssUrl}" />
  <link rel="icon" type="image/png" href="${iconUrl}" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${bundleUrl}"></script>
  <script src="${bootUrl}"></script>
</body>
</html>
`;

/** GET /docs: Swagger UI over /openapi.json, and its files under /docs/assets/, from the pinned package. */
export function registerDocs(app: App): void {
  // Read once, on the first visit: an app built for a test that never opens /docs reads no file.
  let html: Promise<string> | undefined;
  const docsHtml = () => {
    html ??= Promise.all(FILES.map(async (name) => `${ASSETS}/${name}?v=${fingerprint(await readFile(`${SWAGGER_UI_DIR}/${name}`))}`)).then(
      ([css = '', icon = '', bundle = '']) => page(css, icon, bundle),
    );
    return html;
  };

  app.get('/docs', sameOriginPage(), async (c) => c.html(await docsHtml()));
  app.use(`${ASSETS}/*`, cacheWhenFound(IMMUTABLE), compress());
  for (const name of FILES) app.get(`${ASSETS}/${name}`, serveStatic({ root: SWAGGER_UI_DIR, path: name }));
  app.get(`${ASSETS}/boot.js`, (c) => c.body(BOOT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
}
