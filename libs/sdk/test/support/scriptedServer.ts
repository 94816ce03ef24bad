import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = (response: ServerResponse) => void;

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers });
    response.end(JSON.stringify(body));
  };
/** Never answers: the client's timeout or abort must end the request. */
export const hang = (): Answer => () => undefined;
/** Closes the connection without an answer: a network error. */
export const drop = (): Answer => (response) => response.socket?.destroy();

/**
 * A node:http server for one test file, started before its tests: each request takes the next
 * scripted answer (a 500 when none is left) and is recorded. Both lists are emptied before each test.
 */
export function scriptedServer() {
  let server: Server;
  const state = { baseUrl: '', seen: [] as Seen[], script: [] as Answer[] };
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        state.seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        const next = state.script.shift() ?? json(500, { error: { code: 'unscripted', message: 'no answer scripted' } });
        next(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    state.seen = [];
    state.script = [];
  });
  return state;
}
