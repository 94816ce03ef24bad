import * as z from 'zod';

/** The contract's envelopes: one object in `data`, a list in `list`, a failure in `error`. */
export const dataEnvelope = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
export const listEnvelope = <T extends z.ZodType>(schema: T) => z.object({ list: z.array(schema) });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'seat_unavailable' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBody>;

/** ISO-8601 UTC instants on the wire. */
export const instant = z.iso.datetime().meta({ example: '2026-12-24T19:00:00.000Z' });
