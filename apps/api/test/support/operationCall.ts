import type { Operation } from '@concert/contract';
import { z } from 'zod';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; minimum?: number; exclusiveMinimum?: number; enum?: unknown[]; minItems?: number };

/** A value the JSON schema accepts: required fields only, numbers at their minimum (1 when unbounded), `userId` the given user. */
function sampleOf(schema: JsonSchema, userId: number, key?: string): unknown {
  if (key === 'userId') return userId;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleOf(schema.properties?.[name] ?? {}, userId, name)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleOf(schema.items ?? {}, userId));
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

/**
 * A call of any contract operation acting for `userId`: the user in its path and body, 1 for every
 * other id, a body with the fields its schema requires. Enough to pass validation for the operations
 * that name their user, whatever operations the contract gains.
 */
export function operationCall(operation: Operation, userId: number, headers: Record<string, string>) {
  const path = operation.path.replaceAll(/\{(\w+)\}/g, (_, name: string) => (name === 'userId' ? String(userId) : '1'));
  const body = operation.body ? JSON.stringify(sampleOf(z.toJSONSchema(operation.body, { io: 'input', unrepresentable: 'any' }) as JsonSchema, userId)) : undefined;
  return {
    path,
    init: {
      method: operation.method.toUpperCase(),
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body ? { body } : {}),
    },
  };
}
