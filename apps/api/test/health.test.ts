import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it('answers /healthz and /readyz when MySQL and Redis answer', async () => {
    expect(await (await t.app.request('/healthz')).json()).toEqual({ data: { status: 'ok' } });
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ data: { status: 'ok', checks: { mysql: 'ok', redis: 'ok' } } });
  });

  it('gives every response a request id', async () => {
    const response = await t.app.request('/healthz');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await t.app.request('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/v1/nothing-here.' },
    });
  });

  it('publishes request metrics by route template and the connection gauges', async () => {
    await t.app.request('/healthz');
    const body = await (await t.app.request('/metrics')).text();
    expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]\d*\n/);
    expect(body).toMatch(/http_request_duration_seconds_bucket\{le="0\.001",method="GET",route="\/healthz",status="200"\}/);
    expect(body).toContain('mysql_pool_connections{state="open"}');
    expect(body).toContain('redis_connected 1');
  });

  it('publishes an OpenAPI 3.1 document', async () => {
    const document = (await (await t.app.request('/openapi.json')).json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/readyz');
  });
});

describe('readiness when a dependency is down', () => {
  it('answers 503 naming Redis when Redis is unreachable', async () => {
    const t = await createTestApp();
    try {
      t.redis.redis.disconnect();
      const response = await t.app.request('/readyz');
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_ready');
      expect(body.error.message).toBe('Redis unavailable.');
    } finally {
      await t.destroy();
    }
  });

  it('answers 503 naming MySQL when MySQL is unreachable', async () => {
    const t = await createTestApp();
    const { name, pool } = t.database;
    try {
      // Revoke the database under the app's feet: its pool's next query fails.
      await pool.query(`DROP DATABASE \`${name}\``);
      await pool.end();
      const response = await t.app.request('/readyz');
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe('MySQL unavailable.');
    } finally {
      await t.redis.destroy();
    }
  });
});
