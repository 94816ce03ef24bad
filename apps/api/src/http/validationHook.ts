import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { errorResponse } from './errorBody.js';

export interface FieldProblem {
  field: string;
  message: string;
}

const fieldName = (path: readonly PropertyKey[]) => (path.length > 0 ? path.join('.') : '(body)');

/** One problem per field; an unknown field is named itself, so a client's typo is plain to see. */
export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'Unknown field: this operation does not take it.' }))
      : [{ field: fieldName(issue.path), message: issue.message }],
  );
}

/** Every failed request schema answers 400 invalid_request naming the fields. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError },
  c: Context,
) {
  if (result.success) return undefined;
  const problems = fieldProblems(result.error);
  const fields = [...new Set(problems.map((problem) => problem.field))].join(', ');
  return errorResponse(c, 400, 'invalid_request', `Invalid request: check ${fields}.`, problems);
}
