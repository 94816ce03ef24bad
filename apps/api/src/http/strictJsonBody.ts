import type { MiddlewareHandler } from 'hono';
import { visit } from 'jsonc-parser';
import { errorResponse } from './errorBody.js';
import type { FieldProblem } from './validationHook.js';

/** Hono's own test of a JSON body (hono/validator): only such bodies are parsed as JSON. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** Every number in our requests is an integer: written plainly, or it is refused rather than read. */
const PLAIN_INTEGER = /^(0|-?[1-9]\d*)$/;

/**
 * What JSON.parse would silently settle: a key sent twice (it keeps the last, so
 * `{"amount":-1,"amount":1}` would read as 1) and numbers in another spelling (`1e3`, `1.0`, `-0`),
 * which the schema could not tell from the plain one. Both are refused, naming the field.
 */
export function ambiguousJson(text: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keysOfOpenObjects: Set<string>[] = [];
  const field = (path: Array<string | number>) => path.join('.') || '(body)';
  visit(text, {
    onObjectBegin: () => void keysOfOpenObjects.push(new Set()),
    onObjectEnd: () => void keysOfOpenObjects.pop(),
    onObjectProperty: (key, _offset, _length, _line, _column, path) => {
      const keys = keysOfOpenObjects.at(-1);
      if (keys?.has(key)) problems.push({ field: field([...path(), key]), message: 'Duplicate key: send each field once.' });
      keys?.add(key);
    },
    onLiteralValue: (value, offset, length, _line, _column, path) => {
      if (typeof value === 'number' && !PLAIN_INTEGER.test(text.slice(offset, offset + length))) {
        problems.push({ field: field(path()), message: 'Must be a whole number written in plain decimal (no exponent, fraction or -0).' });
      }
    },
  });
  return problems;
}

/**
 * Reads a JSON body once (within the body limit, which runs first) and refuses an ambiguous one
 * with 400 before any handler runs. Malformed JSON is left to the route's validator, which answers
 * invalid_json; the parsed body is kept for it, so the text is parsed once.
 */
export const strictJsonBody = (): MiddlewareHandler => async (c, next) => {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !JSON_MEDIA_TYPE.test(mediaType)) return next();
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return next();
  }
  const problems = ambiguousJson(text);
  if (problems.length > 0) {
    const fields = [...new Set(problems.map((problem) => problem.field))].join(', ');
    return errorResponse(c, 400, 'invalid_request', `Invalid request: check ${fields}.`, problems);
  }
  c.req.bodyCache.json = Promise.resolve(body);
  return next();
};
