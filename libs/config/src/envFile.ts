import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';

type Variables = Record<string, string | undefined>;

/**
 * The `.env` nearest to `directory`: in it or in the closest directory above it. Looking upwards
 * lets one file at the repository root serve `npm start`, whose npm workspace scripts run from
 * the app's own folder, as well as `npx concertctl` run from the root.
 */
export function findEnvFile(directory: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    const candidate = join(current, '.env');
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The settings a process starts with: the real environment over the nearest `.env` file. A
 * variable that is set and not empty wins over the file; an empty one counts as unset, as in
 * `loadConfig`, so the file's value applies.
 */
export function environmentWithEnvFile(environment: Variables, directory: string): Variables {
  const file = findEnvFile(directory);
  if (!file) return environment;
  const merged: Variables = { ...parseEnv(readFileSync(file, 'utf8')) };
  for (const [name, value] of Object.entries(environment)) {
    if (value !== undefined && value !== '') merged[name] = value;
  }
  return merged;
}
