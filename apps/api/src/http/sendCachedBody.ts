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

/** What to send for a cached answer: status, its own headers (no CORS, no request id) and the bytes (none for 304). */
export type PreparedAnswer =
  | { status: 304; headers: Record<string, string>; bytes?: undefined }
  | { status: 200; headers: Record<string, string>; bytes: Uint8Array<ArrayBuffer> };

/**
 * A cached JSON answer ready-made: its ETag (304 when the client has it), gzip for clients that
 * accept it. Frontends poll the catalog: revalidation is the cheap path. Shared by the Hono route
 * and the catalog fast path (catalogFastPath.ts), so both send the same headers and the same bytes.
 */
export function prepareAnswer(entry: CachedBody, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): PreparedAnswer {
  const headers: Record<string, string> = {
    ETag: entry.etag,
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
  };
  if (matches(ifNoneMatch, entry.etag)) return { status: 304, headers };
  headers['Content-Type'] = 'application/json';
  if (/\bgzip\b/.test(acceptEncoding ?? '') && entry.body.length >= GZIP_MIN_BYTES) {
    headers['Content-Encoding'] = 'gzip';
    return { status: 200, headers, bytes: bytesOf(gzipped, entry, gzipSync) };
  }
  // Bytes, not the string: the string would be measured and encoded again on every request.
  return { status: 200, headers, bytes: bytesOf(encoded, entry, (body) => utf8.encode(body)) };
}

/** Sends a cached JSON answer through Hono (see prepareAnswer). */
export function sendCachedBody(c: Context, entry: CachedBody): Response {
  const answer = prepareAnswer(entry, c.req.header('if-none-match'), c.req.header('accept-encoding'));
  return answer.status === 304 ? c.body(null, 304, answer.headers) : c.body(answer.bytes, 200, answer.headers);
}
