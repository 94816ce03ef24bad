import { authModeOf } from './authConfig.js';
import { DEVELOPMENT_TOKEN_SECRET, type Env } from './envSchema.js';

const MODES_HELP =
  'AUTH_MODE=jwt (with AUTH_JWKS_URL or AUTH_JWT_PUBLIC_KEY, AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE) or ' +
  'AUTH_MODE=gateway (with IDENTITY_HEADER)';

/**
 * The settings that would leave money unprotected, each as a sentence naming what to set. The API
 * refuses to start on any of them rather than run exposed (docs/security.md).
 */
export function securityProblems(env: Env): string[] {
  const mode = authModeOf(env);
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];

  if (mode === 'open' && production && !env.AUTH_ALLOW_OPEN_IN_PRODUCTION) {
    problems.push(
      `AUTH_MODE=open takes user ids on trust and is refused when NODE_ENV=production: set ${MODES_HELP}; ` +
        'AUTH_ALLOW_OPEN_IN_PRODUCTION=true allows it on a closed test bench.',
    );
  }
  if (mode === 'gateway' && !env.IDENTITY_HEADER) problems.push('AUTH_MODE=gateway needs IDENTITY_HEADER, the header the gateway sets.');
  if (mode === 'jwt') {
    if ((env.AUTH_JWKS_URL === undefined) === (env.AUTH_JWT_PUBLIC_KEY === undefined)) {
      problems.push('AUTH_MODE=jwt needs exactly one of AUTH_JWKS_URL and AUTH_JWT_PUBLIC_KEY.');
    }
    if (!env.AUTH_JWT_ISSUER) problems.push('AUTH_MODE=jwt needs AUTH_JWT_ISSUER, the expected `iss`.');
    if (!env.AUTH_JWT_AUDIENCE) problems.push('AUTH_MODE=jwt needs AUTH_JWT_AUDIENCE, the expected `aud`.');
  }

  // The development secret is published: a token signed with it proves nothing.
  const secrets = { QUEUE_TOKEN_SECRET: env.QUEUE_TOKEN_SECRET, QUEUE_TOKEN_SECRET_PREVIOUS: env.QUEUE_TOKEN_SECRET_PREVIOUS };
  for (const [name, value] of Object.entries(secrets)) {
    if (value === DEVELOPMENT_TOKEN_SECRET && (production || mode !== 'open')) {
      problems.push(`${name} is the published development secret: only AUTH_MODE=open outside production may use it.`);
    }
  }
  if (env.QUEUE_TOKEN_SECRET === undefined) {
    if (production) problems.push('QUEUE_TOKEN_SECRET is required when NODE_ENV=production (at least 32 bytes, the same in every API process).');
    else if (mode !== 'open') problems.push(`QUEUE_TOKEN_SECRET is required with AUTH_MODE=${mode} (at least 32 bytes, the same in every API process).`);
  }
  return problems;
}
