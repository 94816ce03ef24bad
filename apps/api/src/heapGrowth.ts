import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';

/**
 * After each full collection V8 lets the old generation grow to up to about four times what
 * survived, when collections are cheap, as they are here: almost everything a request allocates
 * dies with it. In the flash sale the API kept 36 MB alive yet grew its heap to 150–185 MB and its
 * resident memory to 255–267 MB. Growing by half instead held the peak at 159 MB for the same CPU
 * (a full collection every few seconds, about 10 ms each, mostly off the main thread). V8 reads the
 * factor at every full collection, so setting it at start-up applies it to the whole run. A factor
 * given on the command line (`node --heap-growing-percent=N`) wins.
 */
export function limitHeapGrowth(percent = 50): void {
  if (process.execArgv.some((argument) => argument.startsWith(FLAG))) return;
  setFlagsFromString(`${FLAG}=${percent}`);
}
