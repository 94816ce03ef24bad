/** Where a use case reports a failure it tolerates (pino's logger fits). */
export interface WarningLog {
  warn(context: Record<string, unknown>, message: string): void;
}
