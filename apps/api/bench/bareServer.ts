/**
 * The ceiling of the catalog benchmark: a bare node:http server answering the same response bytes
 * from memory, nothing else (no routing, log or metrics). Run by catalog.bench.ts as its own process.
 * Usage: node bench/bareServer.ts <port> <body file> <etag>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, bodyFile, etag] = process.argv.slice(2);
const body = readFileSync(bodyFile ?? '');
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  etag: etag ?? '',
  'cache-control': 'no-cache',
  vary: 'Accept-Encoding',
};

createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
}).listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
