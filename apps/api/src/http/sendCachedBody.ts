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

/** What a cached answer sends for one request: status, headers and the bytes (none for a 304). */
export type ReadyAnswer = { headers: Record<string, string> } & (
  | { status: 200; bytes: Uint8Array<ArrayBuffer> }
  | { status: 304; bytes: null }
);

/**
 * A cached JSON answer ready-made: its ETag (304 when the client has it), gzip for clients that
 * accept it, the bytes encoded once per entry. Frontends poll the catalog: revalidation is the cheap path.
 */
export function readyAnswer(entry: CachedBody, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): ReadyAnswer {
  // Lower case, as a Headers object keeps them: concertListFromMemory merges these with such names.
  const headers: Record<string, string> = {
    etag: entry.etag,
    'cache-control': 'no-cache',
    vary: 'Accept-Encoding',
  };
  if (matches(ifNoneMatch, entry.etag)) return { status: 304, headers, bytes: null };
  headers['content-type'] = 'application/json';
  if (/\bgzip\b/.test(acceptEncoding ?? '') && entry.body.length >= GZIP_MIN_BYTES) {
    headers['content-encoding'] = 'gzip';
    return { status: 200, headers, bytes: bytesOf(gzipped, entry, gzipSync) };
  }
  // Bytes, not the string: the string would be measured and encoded again on every request.
  return { status: 200, headers, bytes: bytesOf(encoded, entry, (body) => utf8.encode(body)) };
}

/** Sends a cached JSON answer through Hono (readyAnswer). */
export function sendCachedBody(c: Context, entry: CachedBody): Response {
  const answer = readyAnswer(entry, c.req.header('if-none-match'), c.req.header('accept-encoding'));
  return answer.status === 200 ? c.body(answer.bytes, 200, answer.headers) : c.body(null, 304, answer.headers);
}
