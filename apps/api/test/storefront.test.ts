import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('the storefront served at /', () => {
  let dir: string;
  let served: TestApp;
  let disabled: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storefront-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Concert tickets</title><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("storefront");');
    writeFileSync(join(dir, 'secret.txt'), 'not a storefront file');
    [served, disabled] = await Promise.all([
      createTestApp({ STOREFRONT_DIR: dir }),
      createTestApp({ STOREFRONT_DIR: dir, STOREFRONT_ENABLED: 'false' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([served.destroy(), disabled.destroy()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page, revalidated on every visit, allowed to load and call only this origin', async () => {
    const page = await served.app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe|https?:/);
    expect(await page.text()).toContain('<title>Concert tickets</title>');
  });

  it('serves its hashed assets to be kept for a year, and nothing else of the folder', async () => {
    const asset = await served.app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toContain('storefront');
    for (const path of ['/secret.txt', '/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/missing.js']) {
      expect((await served.app.request(path)).status, path).toBe(404);
    }
  });

  it('is not served when STOREFRONT_ENABLED is false: the API alone answers', async () => {
    const page = await disabled.app.request('/');
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await disabled.app.request('/api/v1/booking-rules')).status).toBe(200);
  });
});
