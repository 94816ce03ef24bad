import type { SeatState, SeatWatchStart, SequencedSeatChange } from '@concert/domain';

/**
 * The seat stream's events as SSE text. Each change is formatted once per process, whatever the
 * number of its watchers, and so is each snapshot read (concurrent watchers of an event share one).
 */
const changeTexts = new WeakMap<SequencedSeatChange, string>();
const snapshotTexts = new WeakMap<readonly SeatState[], { sequence: number; text: string }>();

/** Tells EventSource clients how long to wait before reconnecting (the SDK backs off by itself). */
export const RETRY_LINE = 'retry: 2000\n\n';

export function changeEvent(change: Extract<SequencedSeatChange, { kind: 'change' }>): string {
  let text = changeTexts.get(change);
  if (!text) {
    const data = JSON.stringify({ sequence: change.sequence, seatIds: change.seatIds, state: change.state });
    text = `event: change\nid: ${change.sequence}\ndata: ${data}\n\n`;
    changeTexts.set(change, text);
  }
  return text;
}

export function startEvents(start: SeatWatchStart, concertEventId: number, heartbeatSeconds: number): string {
  if (start.kind === 'replay') {
    return start.changes.map((change) => (change.kind === 'change' ? changeEvent(change) : '')).join('');
  }
  const cached = snapshotTexts.get(start.seats);
  if (cached?.sequence === start.sequence) return cached.text;
  const seats = start.seats.map(({ id, seatNumber, price, isAvailable }) => ({ id, seatNumber, price, available: isAvailable }));
  const data = JSON.stringify({ concertEventId, sequence: start.sequence, heartbeatSeconds, seats });
  const text = `event: snapshot\nid: ${start.sequence}\ndata: ${data}\n\n`;
  snapshotTexts.set(start.seats, { sequence: start.sequence, text });
  return text;
}
