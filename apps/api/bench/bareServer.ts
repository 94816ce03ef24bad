/**
 * The ceiling of the catalog benchmark: a bare node:http server answering the same response bytes
 * from memory, nothing else (no routing, log or metrics). Run by catalog.bench.ts as its own process.
 * With `api-headers`, it also sends the headers the API adds to every answer (CORS, a fresh request
 * id): the same response bytes header for header, since the load generator pays per header too.
 * Usage: node bench/bareServer.ts <port> <body file> <etag> [api-headers]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, bodyFile, etag, variant] = process.argv.slice(2);
const body = readFileSync(bodyFile ?? '');
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  etag: etag ?? '',
  'cache-control': 'no-cache',
  vary: 'Accept-Encoding',
};

const apiHeaders = variant === 'api-headers';
if (apiHeaders) Object.assign(headers, { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag,X-Request-Id' });

createServer((_request, response) => {
  response.writeHead(200, apiHeaders ? { ...headers, 'x-request-id': crypto.randomUUID() } : headers);
  response.end(body);
}).listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
