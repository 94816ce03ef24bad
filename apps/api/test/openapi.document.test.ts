import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE, OPENAPI_REFRESH_COMMAND, renderOpenApiDocument } from '../scripts/openapiDocument.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const stale = `docs/openapi.json is out of date with the API: run \`${OPENAPI_REFRESH_COMMAND}\` and commit it.`;

describe('the committed OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it('is what the refresh command writes now', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '(missing)');
    expect(committed === (await renderOpenApiDocument()), stale).toBe(true);
  });

  it('is what a running app serves', async () => {
    const served: unknown = await (await t.app.request('/openapi.json')).json();
    expect(JSON.parse(await readFile(OPENAPI_FILE, 'utf8')), stale).toEqual(served);
  });
});
