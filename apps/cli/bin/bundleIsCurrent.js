import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

/** @param {URL} file @returns {string | undefined} the SHA-256 of its content, undefined when it is gone */
function hashOf(file) {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined;
}

/** @param {URL} folder @returns {string[]} the files under it, relative to it */
const filesUnder = (folder) =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(new URL(file, folder)).isFile()).sort()
    : [];

/** @param {URL} source @param {URL} copy */
function sameFiles(source, copy) {
  const files = filesUnder(source);
  const copied = filesUnder(copy);
  return files.length === copied.length && files.every((file, index) => file === copied[index] && hashOf(new URL(file, source)) === hashOf(new URL(file, copy)));
}

/**
 * Whether the built bundle (`nx build cli`: dist/main.js) still matches the checkout: every source
 * file it was built from (and the lockfile, for the npm packages it holds) has the content
 * dist/sources.json records, and the migrations it carries
 * (dist/drizzle) are libs/db/drizzle's. An edited, renamed or freshly pulled file makes it stale
 * until the next build; a file touched but unchanged does not.
 * @param {URL} cliRoot the folder of apps/cli
 */
export function bundleIsCurrent(cliRoot) {
  const sources = new URL('dist/sources.json', cliRoot);
  // The build writes sources.json last: while it is missing, the bundle is not finished (or not there).
  if (!existsSync(new URL('dist/main.js', cliRoot)) || !existsSync(sources)) return false;
  const workspaceRoot = new URL('../../', cliRoot);
  /** @type {Record<string, string>} */
  const builtFrom = JSON.parse(readFileSync(sources, 'utf8'));
  return (
    Object.entries(builtFrom).every(([file, hash]) => hashOf(new URL(file, workspaceRoot)) === hash) &&
    sameFiles(new URL('libs/db/drizzle/', workspaceRoot), new URL('dist/drizzle/', cliRoot))
  );
}
