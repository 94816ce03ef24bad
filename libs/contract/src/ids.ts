import * as z from 'zod';

const MAX_ID = Number.MAX_SAFE_INTEGER;
/** Plain decimal: no sign, exponent, fraction, hex, leading zero or space. */
const CANONICAL_DECIMAL = /^(0|[1-9]\d*)$/;
const NOT_CANONICAL = 'Must be a whole number written in plain decimal (no sign, exponent, leading zero or space).';

/** An id in a path arrives as text: only its canonical decimal form is an id, never a coerced one. */
const pathId = (min: 0 | 1) =>
  z
    .string()
    .regex(CANONICAL_DECIMAL, NOT_CANONICAL)
    .transform(Number)
    .pipe(z.number().int().min(min).max(MAX_ID))
    // Documented as what it names, an integer; the pattern above is how its text is read.
    .meta({ param: { schema: { type: 'integer', minimum: min, maximum: MAX_ID } } });

/**
 * An id in a JSON body: a JSON number, never a string, boolean, array or null. (The API also
 * refuses numbers written with an exponent or a fraction before this schema sees the body.)
 */
const bodyId = (min: 0 | 1) => z.number().int().min(min).max(MAX_ID);

/** Ids of things the API stores (concerts, events, seats, holds, reservations) start at 1. */
export const idParam = pathId(1);
export const id = bodyId(1);

/** User ids are integers from 0 (the seed's client draws 0–19,999); there is no user table. */
export const userIdParam = pathId(0);
export const userId = bodyId(0);
