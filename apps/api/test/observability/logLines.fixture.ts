/**
 * Logs `count` lines through the API's logger, then either exits at once (`exit`) or reports over
 * IPC that it is done and waits to be killed (`report`). `sync` does the latter through pino's
 * synchronous destination instead: the control that shows a blocked stdout stalls a process.
 */
import { pino } from 'pino';
import { createLogger } from '../../src/observability/logger.js';

const [count = '0', mode = 'exit'] = process.argv.slice(2);
const logger = mode === 'sync' ? pino(pino.destination({ dest: 1, sync: true })) : createLogger({ log: { level: 'info' } });
for (let line = 0; line < Number(count); line += 1) logger.info({ line, padding: 'x'.repeat(100) }, 'logged');
if (mode === 'exit') process.exit(0);
process.send?.('done');
setInterval(() => undefined, 1_000);
