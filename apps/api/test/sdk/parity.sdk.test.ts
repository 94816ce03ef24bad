import { operations, streamOperations } from '@concert/contract';
import { createConcertClient } from '@concert/sdk';
import { describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../../scripts/openapiDocument.js';

interface DocumentedOperation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: string; name: string }>;
}
type Document = { paths: Record<string, Record<string, DocumentedOperation>> };

/** One line per operation: what a client must agree on to call it right. */
const line = (method: string, path: string, id: string, bearer: boolean, tokenGated: boolean, idempotent: boolean) =>
  `${method.toUpperCase()} ${path} ${id}${bearer ? ' bearer' : ''}${tokenGated ? ' token' : ''}${idempotent ? ' idempotency-key' : ''}`;
const requires = (operation: DocumentedOperation, scheme: string) => (operation.security ?? []).some((requirement) => scheme in requirement);

describe('the SDK and the API document', () => {
  it('have the same operations: every API route has its SDK method, and every method its route', async () => {
    // The app's own /openapi.json (test/openapi.document.test.ts checks a running app serves the same).
    const document = JSON.parse(await renderOpenApiDocument()) as Document;
    // /healthz and /readyz are for load balancers, not for frontends.
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) =>
          line(
            method,
            path,
            operation.operationId ?? '(no operationId)',
            requires(operation, 'BearerAuth'),
            requires(operation, 'UserToken'),
            (operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'idempotency-key'),
          ),
        ),
      );
    const client = createConcertClient({ baseUrl: 'http://127.0.0.1:1' });
    const inSdk = Object.values(operations)
      .filter((operation) => typeof client[operation.operationId as keyof typeof operations] === 'function')
      .map((operation) =>
        // The SDK sends its bearerToken on every call, when it has one.
        line(operation.method, operation.path, operation.operationId, true, operation.auth === 'queueToken', operation.idempotent === true),
      );

    // The one stream, the live seat map, is watchSeats (it reads events, not one JSON answer).
    const streams = Object.values(streamOperations)
      .filter(() => typeof client.watchSeats === 'function')
      .map((operation) => line(operation.method, operation.path, operation.operationId, true, operation.auth === 'queueToken', false));

    expect([...inSdk, ...streams].sort()).toEqual(documented.sort());
    expect(inSdk).toHaveLength(Object.keys(operations).length);
  });
});
