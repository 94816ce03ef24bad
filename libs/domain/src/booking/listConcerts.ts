import type { Concert } from './catalog.js';
import type { BookingContext } from './context.js';

export function listConcerts({ ctx }: { ctx: Pick<BookingContext, 'catalog'> }): Promise<Concert[]> {
  return ctx.catalog.listConcerts();
}
