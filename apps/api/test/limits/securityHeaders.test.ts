import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it.each([
    ['an answer', '/healthz'],
    ['a refusal', '/api/v1/queue/status'],
    ['an unknown route', '/nothing-here'],
    ['the catalog', '/api/v1/concerts'],
  ])('tells browsers not to sniff %s, nor frame it, and allows it no content', async (_, path) => {
    const response = await t.app.request(path);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('keeps a user\'s data out of every cache, answers and refusals alike', async () => {
    for (const path of ['/api/v1/users/9/wallet', '/api/v1/users/9/payments', '/api/v1/queue/status', '/api/v1/concert-events/1/available-seats', '/api/v1/reservations/1/cancel']) {
      expect((await t.app.request(path)).headers.get('cache-control')).toBe('no-store');
    }
    const token = await t.app.request('/api/v1/queue/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"userId":9}',
    });
    expect(token.headers.get('cache-control')).toBe('no-store');
  });

  it('lets the catalog be revalidated as before', async () => {
    expect((await t.app.request('/api/v1/concerts')).headers.get('cache-control')).toBe('no-cache');
  });

  it('serves /docs under a CSP that allows only this origin, and its files from this API', async () => {
    const page = await t.app.request('/docs');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(csp).not.toMatch(/https?:/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets).toHaveLength(4);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/docs\/assets\/[\w.-]+\?v=[0-9a-f]{12}$/);
      const file = await t.app.request(asset);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });
});
