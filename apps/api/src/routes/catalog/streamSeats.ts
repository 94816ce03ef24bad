import { streamSeatsOperation } from '@concert/contract';
import { watchSeatMap } from '@concert/domain';
import type { HttpBindings } from '@hono/node-server';
import { streamSSE } from 'hono/streaming';
import { defineRoute } from '../../http/defineRoute.js';
import { errorResponse } from '../../http/errorBody.js';
import { changeEvent, RETRY_LINE, startEvents } from '../../streams/seatEvents.js';

/** How long a client turned away by the stream cap waits before trying again (another process may take it). */
const FULL_RETRY_AFTER_SECONDS = 5;

/**
 * The live seat map (docs/adr/0013): a snapshot (or, for a client that names the last change it saw,
 * only those it missed), then every change as the feed delivers it. A `resync` (changes were lost)
 * ends the stream: the client reconnects and its Last-Event-ID gets it a fresh snapshot.
 */
export const streamSeatsRoute = defineRoute(streamSeatsOperation, ({ seatWatch, seatStreams, config }) => async (c) => {
  const { concertEventId } = c.req.valid('param');
  // Validated by the operation's header schema: absent, or a whole number.
  const lastEventId = c.req.header('last-event-id');
  if (!seatStreams.reserve()) {
    c.header('Retry-After', String(FULL_RETRY_AFTER_SECONDS));
    return errorResponse(c, 503, 'stream_capacity', 'Too many live seat maps are open on this server. Please retry shortly.');
  }
  let watch: Awaited<ReturnType<typeof watchSeatMap>>;
  try {
    watch = await watchSeatMap({ ctx: seatWatch, input: { concertEventId, lastSequence: lastEventId ? Number(lastEventId) : undefined } });
  } catch (error) {
    seatStreams.unreserve();
    throw error;
  }
  c.header('X-Accel-Buffering', 'no'); // nginx and the like: pass each event on at once
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  return streamSSE(c, async (stream) => {
    const client = seatStreams.attach(stream, () => outgoing?.destroy());
    client.push(RETRY_LINE + startEvents(watch.start, concertEventId, config.seatStream.heartbeatSeconds));
    watch.listen((change) => (change.kind === 'change' ? client.push(changeEvent(change)) : client.close()));
    await client.closed;
    watch.stop();
  });
});
