const amounts = new Intl.NumberFormat('en-US');

/** Money is whole units on the wire (the smallest unit): shown with separators, never as a float. */
export const money = (amount: number): string => amounts.format(amount);

/** m:ss of the time left until `until`; 0:00 once past. */
export function timeLeft(until: Date, now = Date.now()): string {
  const seconds = Math.max(0, Math.ceil((until.getTime() - now) / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export const dateTime = (instant: string): string =>
  new Date(instant).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "seat 4" or "seats 4, 5". */
export const seatsText = (seatNumbers: number[]): string =>
  `${seatNumbers.length === 1 ? 'seat' : 'seats'} ${seatNumbers.join(', ')}`;
