import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/concertctl.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: Record<string, string>, cwd: string | undefined): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...env }, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs concertctl as a separate process, as an operator would, its output piped. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return run(process.execPath, [bin, ...args], env, cwd);
}

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs concertctl on a pseudo-terminal (util-linux `script`), as an operator at a terminal sees it;
 * stdout carries what the terminal showed, with its CRLF line ends.
 */
export function runCliInTerminal(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const command = [process.execPath, bin, ...args].map(shellQuote).join(' ');
  return run('script', ['--quiet', '--return', '--command', command, '/dev/null'], env, undefined);
}
