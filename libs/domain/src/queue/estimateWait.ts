/**
 * Seconds until a waiting user at `position` (from 1) is admitted, at the rate admission actually
 * achieved lately. With no recent admissions (the line has just formed) the configured rate is
 * the best guess available.
 */
export function estimateWaitSeconds(position: number, achievedPerSecond: number, configuredPerSecond: number): number {
  if (position <= 0) return 0;
  const rate = achievedPerSecond > 0 ? achievedPerSecond : configuredPerSecond;
  return Math.ceil(position / rate);
}
