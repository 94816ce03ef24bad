import { gzipSync } from 'node:zlib';
import type { CachedBody } from '@concert/redis';
import type { Context } from 'hono';

/** Bodies smaller than this are sent as they are: gzip would cost more than it saves. */
const GZIP_MIN_BYTES = 1_024;

/** Encoded once per cached entry, not once per request: the bytes as they are and gzipped. */
const encoded = new WeakMap<CachedBody, Uint8Array<ArrayBuffer>>();
const gzipped = new WeakMap<CachedBody, Uint8Array<ArrayBuffer>>();

function bytesOf(memo: WeakMap<CachedBody, Uint8Array<ArrayBuffer>>, entry: CachedBody, encode: (body: string) => Uint8Array) {
  let bytes = memo.get(entry);
  if (!bytes) {
    bytes = Uint8Array.from(encode(entry.body));
    memo.set(entry, bytes);
  }
  return bytes;
}

const utf8 = new TextEncoder();

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);

/**
 * Sends a cached JSON answer ready-made: its ETag (304 when the client has it), gzip for clients that
 * accept it, the bytes encoded once per entry. Frontends poll the catalog: revalidation is the cheap path.
 */
export function sendCachedBody(c: Context, entry: CachedBody): Response {
  const headers: Record<string, string> = {
    ETag: entry.etag,
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
  };
  if (matches(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = 'application/json';
  if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '') && entry.body.length >= GZIP_MIN_BYTES) {
    headers['Content-Encoding'] = 'gzip';
    return c.body(bytesOf(gzipped, entry, gzipSync), 200, headers);
  }
  // Bytes, not the string: the string would be measured and encoded again on every request.
  return c.body(bytesOf(encoded, entry, (body) => utf8.encode(body)), 200, headers);
}
