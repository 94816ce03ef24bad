import { listAvailableSeatsOperation } from '@concert/contract';
import { listAvailableSeats, type BookingContext } from '@concert/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import { validationHook } from '../../http/validationHook.js';

export const listAvailableSeatsRoute = (ctx: BookingContext) =>
  new OpenAPIHono({ defaultHook: validationHook }).openapi(routeOf(listAvailableSeatsOperation), async (c) => {
    const { concertEventId } = c.req.valid('param');
    return c.json({ list: await listAvailableSeats({ ctx, input: { concertEventId } }) }, 200);
  });
