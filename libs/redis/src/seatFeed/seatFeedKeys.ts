/**
 * An event's feed keys and channel share ONE hash tag, so the publish script's keys sit in one slot
 * (Redis Cluster), and the channel names the same slot for sharded pub/sub.
 */
export function seatFeedKeys(keyPrefix: string, concertEventId: number) {
  const base = `${keyPrefix}:{seats:${concertEventId}}`;
  return {
    /** counter: the sequence of the event's last change. */
    sequence: `${base}:sequence`,
    /** list: the event's last changes as published (JSON), oldest first, for reconnecting watchers. */
    log: `${base}:log`,
    /** pub/sub channel: each change as it is published. */
    channel: `${base}:changes`,
  };
}
