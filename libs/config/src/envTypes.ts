import { z } from 'zod';

/** The shapes of environment variables: every one arrives as a string. */
export const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

/** A comma-separated list; empty means none. */
export const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
