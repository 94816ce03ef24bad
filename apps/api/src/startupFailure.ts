interface ListenError extends Error {
  code: 'EADDRINUSE';
  port: number;
  address?: string;
}

const isPortTaken = (error: unknown): error is ListenError =>
  error instanceof Error && (error as Partial<ListenError>).code === 'EADDRINUSE' && typeof (error as Partial<ListenError>).port === 'number';

/** What a person reads when the API cannot start: what is wrong and what to do about it, never a stack. */
export function startupFailureMessage(error: unknown): string {
  if (isPortTaken(error)) {
    const next = error.port + 1;
    return (
      `port ${error.port} is already in use${error.address ? ` on ${error.address}` : ''} (another process listens there). ` +
      `Stop that process, or pick another port with PORT, e.g. \`PORT=${next} npm start\` or PORT=${next} in .env.`
    );
  }
  return error instanceof Error ? error.message : String(error);
}
