import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { errorResponse } from './errorBody.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
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
