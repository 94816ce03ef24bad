import { InvalidArgumentError } from 'commander';

/** Ids, counts: commander names the argument or option in its message when this throws. */
export function positiveInteger(value: string): number {
  const number = wholeNumber(value);
  if (number < 1) throw new InvalidArgumentError('must be a positive integer.');
  return number;
}

/** Minutes, fees: 0 allowed. */
export function nonNegativeInteger(value: string): number {
  return wholeNumber(value);
}

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) throw new InvalidArgumentError('must be a whole number.');
  return number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600 };

/** "90s", "5m", "1h" (a bare number is seconds) → seconds. */
export function duration(value: string): number {
  const match = /^(\d+)([smh]?)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('must be a duration such as 90s, 5m or 1h.');
  return Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
}
