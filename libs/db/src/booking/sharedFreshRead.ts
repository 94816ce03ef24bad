/**
 * Coalesces concurrent identical reads without ever answering from the past: a caller joins only a
 * read that starts after it arrived. While a read of `key` runs, every new caller waits for the NEXT
 * read, which starts as soon as the running one ends and is shared by all who waited. So each answer
 * reflects at least every commit before its caller asked (real time, not a cache), while N concurrent
 * callers cost about two queries instead of N.
 */
export function sharedFreshRead<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const flights = new Map<K, { running: Promise<V>; next?: Promise<V> }>();
  const start = (key: K): Promise<V> => {
    const flight: { running: Promise<V>; next?: Promise<V> } = { running: read(key) };
    flights.set(key, flight);
    const landed = () => {
      if (flights.get(key) === flight && flight.next === undefined) flights.delete(key);
    };
    flight.running.then(landed, landed);
    return flight.running;
  };
  return (key) => {
    const flight = flights.get(key);
    if (!flight) return start(key);
    const settled = () => start(key);
    flight.next ??= flight.running.then(settled, settled);
    return flight.next;
  };
}
