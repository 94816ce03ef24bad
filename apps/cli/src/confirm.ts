import { createInterface } from 'node:readline/promises';

/** Asks on a terminal; elsewhere (a script, a pipe) there is nobody to ask, so `--yes` is required. */
export async function confirmed(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw new Error('Not a terminal, so nobody can confirm: pass --yes to go ahead without asking.');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}
