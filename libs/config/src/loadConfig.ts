import { toConfig, type Config } from './config.js';
import { environmentWithEnvFile } from './envFile.js';
import { envSchema } from './envSchema.js';
import { securityProblems } from './securityRules.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the settings once: by default the process's environment over the nearest `.env` file
 * (`envFile.ts`). A bad value fails at start with the variable's name, never later inside a request.
 */
export function loadConfig(
  source: Record<string, string | undefined> = environmentWithEnvFile(process.env, process.cwd()),
): Config {
  // An empty variable means "not set", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}\nSee .env.example for every setting and its default.`);
  }
  const problems = securityProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  if (parsed.data.HTTP_HEADERS_TIMEOUT_MS > parsed.data.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request).');
  }
  return toConfig(parsed.data);
}
