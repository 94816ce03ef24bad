import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sendCachedBody } from '../../src/http/sendCachedBody.js';

const small = { body: '{"list":[]}', etag: '"small"', validUntil: Number.MAX_SAFE_INTEGER };
const large = { body: JSON.stringify({ list: Array.from({ length: 200 }, (_, id) => ({ id, title: `Concert ${id}` })) }), etag: '"large"', validUntil: Number.MAX_SAFE_INTEGER };
const app = new Hono().get('/small', (c) => sendCachedBody(c, small)).get('/large', (c) => sendCachedBody(c, large));

describe('sendCachedBody', () => {
  it('sends the body with its ETag', async () => {
    const response = await app.request('/small');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"small"');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"list":[]}');
  });

  it('answers 304 without a body when the client already has it (weak or in a list)', async () => {
    for (const ifNoneMatch of ['"small"', 'W/"small"', '"other", "small"']) {
      const response = await app.request('/small', { headers: { 'If-None-Match': ifNoneMatch } });
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
    }
    expect((await app.request('/small', { headers: { 'If-None-Match': '"old"' } })).status).toBe(200);
  });

  it('gzips a large body for clients that accept it, and only for them', async () => {
    const zipped = await app.request('/large', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(large.body.length / 3);
    expect(gunzipSync(bytes).toString()).toBe(large.body);
    const plain = await app.request('/large');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(large.body);
    const tiny = await app.request('/small', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(tiny.headers.get('content-encoding')).toBeNull();
  });
});
