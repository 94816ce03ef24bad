import { writeFile } from 'node:fs/promises';
import { OPENAPI_FILE, renderOpenApiDocument } from './openapiDocument.js';

// `npm run openapi:write`: refreshes docs/openapi.json; test/openapi.document.test.ts fails while it is stale.
await writeFile(OPENAPI_FILE, await renderOpenApiDocument());
console.log(`wrote ${OPENAPI_FILE}`);
