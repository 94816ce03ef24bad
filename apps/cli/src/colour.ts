/**
 * Colour is for a person at a terminal: never in a pipe or a file, and never when the user asked
 * for none through the conventions every tool honours (NO_COLOR set to anything, see no-color.org;
 * TERM=dumb). These are terminal conventions, not settings of the system, so they are not in
 * libs/config.
 */
export function colourWanted(
  stream: { isTTY?: boolean } = process.stdout,
  environment: Record<string, string | undefined> = process.env,
): boolean {
  if (!stream.isTTY) return false;
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  return environment.TERM !== 'dumb';
}
