import { limitHeapGrowth } from './heapGrowth.js';
import { startServer } from './server.js';

limitHeapGrowth();

/** The process entry: start, and stop cleanly on SIGTERM/SIGINT. Start-up failures print one clear line. */
try {
  const running = await startServer();
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
  console.error(`concert-api could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
