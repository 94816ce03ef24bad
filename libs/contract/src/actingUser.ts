import type { Operation } from './operation.js';

/** Where an operation's input names a user: a path parameter or a JSON body field. */
export interface ActingUserInput {
  in: 'param' | 'json';
  field: 'userId';
}

const hasUserId = (schema: unknown) =>
  typeof schema === 'object' && schema !== null && 'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null && 'userId' in schema.shape;

/**
 * The inputs through which an operation acts for a user: every `userId` of its path or body. With an
 * authenticated identity (AUTH_MODE jwt or gateway) each must be that identity; read from the schemas,
 * so a new operation gets the rule by naming its user `userId`.
 */
export function actingUserInputs(operation: Operation): ActingUserInput[] {
  return [
    ...(hasUserId(operation.params) ? [{ in: 'param' as const, field: 'userId' as const }] : []),
    ...(hasUserId(operation.body) ? [{ in: 'json' as const, field: 'userId' as const }] : []),
  ];
}
