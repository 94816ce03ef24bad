import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('browser access and documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://shop.example, https://admin.example' });
  });
  afterAll(() => t.destroy());

  it('answers a CORS preflight from an allowed origin with the headers the SDK sends', async () => {
    const response = await t.app.request('/api/v1/payments', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'user-token, idempotency-key, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['user-token', 'idempotency-key', 'content-type']) expect(allowed).toContain(header);
  });

  it('exposes ETag to browsers, and refuses other origins', async () => {
    const allowed = await t.app.request('/healthz', { headers: { Origin: 'https://admin.example' } });
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    const other = await t.app.request('/healthz', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves an interactive reference over the OpenAPI document, which declares the token scheme', async () => {
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    const boot = /src="(\/docs\/assets\/boot\.js[^"]*)"/.exec(await page.text())?.[1] ?? 'no boot script';
    expect(await (await t.app.request(boot)).text()).toContain("url: '/openapi.json'");
    const document = (await (await t.app.request('/openapi.json')).json()) as {
      components: { securitySchemes: Record<string, { in: string; name: string }> };
    };
    expect(document.components.securitySchemes.UserToken).toMatchObject({ in: 'header', name: 'User-Token' });
  });
});
