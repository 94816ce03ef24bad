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

  it('serves /docs under a strict CSP: pinned scripts and one hashed inline script, no unsafe-inline', async () => {
    const page = await t.app.request('/docs');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src https:\/\/cdn\.jsdelivr\.net\/npm\/swagger-ui-dist@\d+\.\d+\.\d+\/ 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    const html = await page.text();
    const inline = /<script>([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    expect(csp).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
  });
});
