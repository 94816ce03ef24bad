/**
 * Every run ends with the books check, `concertctl verify`, so a fast run that broke the books
 * (a seat sold twice, money that does not add up) fails. Until the CLI has the command, warn and skip.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type VerifyOutcome = 'passed' | 'failed' | 'missing' | 'skipped';

/** The workspace root, where `npx concertctl` resolves (this file is in tools/k6/{src,dist}/node/). */
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** `command` is the CLI to run, `['npx', 'concertctl']` unless a test passes another. */
export function runVerify(command: string[] = ['npx', 'concertctl'], log: (line: string) => void = console.error): VerifyOutcome {
  const [program = 'npx', ...args] = command;
  const help = spawnSync(program, [...args, '--help'], { cwd: workspaceRoot, encoding: 'utf8' });
  if (help.error || !/^\s+verify\b/m.test(help.stdout ?? '')) {
    log('⚠ WARNING: `concertctl verify` is not available: the books were NOT checked after this run.');
    return 'missing';
  }
  log('Checking the books: concertctl verify');
  const verify = spawnSync(program, [...args, 'verify'], { cwd: workspaceRoot, stdio: 'inherit' });
  if (verify.status === 0) return 'passed';
  log(`✗ concertctl verify failed (exit ${verify.status ?? verify.signal}): the run broke the books.`);
  return 'failed';
}
