// Makes libs/sdk/dist installable on its own: the contract's compiled schemas and declarations
// (libs/contract/dist, built first by the ^build dependency) are copied into dist/contract, and
// every import of '@concert/contract' in dist becomes that folder. So the packed SDK depends on
// zod alone, and its types still come from the one contract the API is built from.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const sdk = fileURLToPath(new URL('..', import.meta.url));
const dist = join(sdk, 'dist');
const contractDist = join(sdk, '..', 'contract', 'dist');
const shipped = (name) => name.endsWith('.js') || name.endsWith('.d.ts');

const contractFiles = (await readdir(contractDist).catch(() => {
  throw new Error(`${contractDist} is missing: build @concert/contract first (npx nx run @concert/sdk:build does).`);
})).filter(shipped);
await mkdir(join(dist, 'contract'), { recursive: true });
for (const name of contractFiles) await copyFile(join(contractDist, name), join(dist, 'contract', name));

const specifier = /(["'])@concert\/contract\1/g;
for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !shipped(entry.name)) continue;
  const file = join(entry.parentPath, entry.name);
  const text = await readFile(file, 'utf8');
  if (!text.includes('@concert/contract')) continue;
  const target = relative(dirname(file), join(dist, 'contract', 'index.js')).replaceAll('\\', '/');
  await writeFile(file, text.replace(specifier, `$1${target.startsWith('.') ? target : `./${target}`}$1`));
}
