import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';

/** V8 takes its flags with dashes or underscores: `--heap_growing_percent=30` is the same flag. */
function givenOnCommandLine(argument: string): boolean {
  return argument.replaceAll('_', '-').startsWith(FLAG);
}

/**
 * After each full collection V8 lets the old generation grow to up to about four times what
 * survived, when collections are cheap, as they are here: almost everything a request allocates
 * dies with it. In the flash sale the API kept about 36 MB alive yet let its heap grow to
 * 150–185 MB and its resident memory to 255 MB. Growing by half instead held the peak at
 * 155–159 MB for the same CPU (twice as many full collections, about 10 ms each, mostly off the
 * main thread; docs/adr/0012). V8 reads the factor at every full collection, so setting it at
 * start-up applies it to the whole run. A factor given on the command line wins.
 */
export function limitHeapGrowth(percent = 50): void {
  if (process.execArgv.some(givenOnCommandLine)) return;
  setFlagsFromString(`${FLAG}=${percent}`);
}
