import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

const repository = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** No container engine runs here: what the deployment files promise is checked against what runs. */
describe('the deployment files (docs/deployment.md)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it("start the image with the bundle command CI runs, from the same layout", () => {
    const dockerfile = repository('Dockerfile');
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "api\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    // scripts/check-bundles.sh copies apps/api/dist to api/ and apps/cli/dist to cli/, then starts these.
    const checkBundles = repository('scripts/check-bundles.sh');
    expect(checkBundles).toContain('cp -R "apps/$app/dist" "$work/$app"');
    expect(checkBundles).toMatch(/^node api\/main\.js &$/m);
    expect(repository('compose.yaml')).toContain('node cli/main.js db migrate');
  });

  it('probe paths the API answers: liveness in the image, readiness at the proxy', async () => {
    const healthcheck = /HEALTHCHECK[^\n]*\\\n[^\n]*\$\{process\.env\.PORT\}(\/\w+)/.exec(repository('Dockerfile'))?.[1];
    const readiness = /option httpchk GET (\/\w+)/.exec(repository('deploy/haproxy.cfg'))?.[1];
    expect([healthcheck, readiness]).toEqual(['/healthz', '/readyz']);
    for (const path of [healthcheck, readiness]) expect((await t.app.request(path ?? '')).status).toBe(200);
  });
});
