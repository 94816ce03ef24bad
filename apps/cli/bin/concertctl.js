#!/usr/bin/env node
// Runs the built bundle (`nx build cli`, which `npm start` runs) when it matches the checkout, and
// otherwise the TypeScript source through tsx: a clean clone works before any build, and an edit
// shows up at once. Where only the build ships (no tsx), runs dist/.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleIsCurrent } from './bundleIsCurrent.js';

const cliRoot = new URL('../', import.meta.url);

function resolveTsx() {
  try {
    return fileURLToPath(import.meta.resolve('tsx/cli'));
  } catch {
    return undefined;
  }
}

const tsx = bundleIsCurrent(cliRoot) ? undefined : resolveTsx();
if (tsx) {
  const source = fileURLToPath(new URL('src/main.ts', cliRoot));
  const child = spawn(process.execPath, [tsx, '--conditions=@concert/source', source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  // A long-running command (`webhooks dispatch`) stops cleanly on the operator's signal, which
  // reaches this launcher: pass it on rather than die and leave the command running.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
  child.once('exit', (code) => process.exit(code ?? 1));
} else {
  await import(new URL('dist/main.js', cliRoot).href);
}
