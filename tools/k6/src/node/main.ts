/** `npx nx run k6:<scenario>` lands here: the Node runner of the k6 scenarios. */
import { usage } from './options.ts';
import { run } from './run.ts';
import { runVerify } from './verify.ts';

const abort = new AbortController();
process.once('SIGINT', () => abort.abort());

try {
  process.exitCode = await run(process.argv.slice(2), { verify: () => runVerify(), log: console.log, signal: abort.signal });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exitCode = 2;
}
