import { limitHeapGrowth } from './heapGrowth.js';
import { startServer } from './server.js';
import { startupFailureMessage } from './startupFailure.js';

limitHeapGrowth();

function failToStart(error: unknown): never {
  console.error(`concert-api could not start: ${startupFailureMessage(error)}`);
  process.exit(1);
}

/** The process entry: start, and stop cleanly on SIGTERM/SIGINT. Start-up failures print one clear line. */
// A taken port is reported by the HTTP server's 'error' event, thrown outside the awaited start.
process.once('uncaughtException', failToStart);
try {
  const running = await startServer();
  process.off('uncaughtException', failToStart);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.deps.logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  failToStart(error);
}
