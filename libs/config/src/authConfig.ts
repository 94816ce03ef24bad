import type { AuthMode, Env } from './envSchema.js';

/** How a `jwt`-mode API checks bearer tokens: one key source, the expected issuer and audience. */
export interface JwtSettings {
  /** Exactly one of jwksUrl and publicKey (PEM, SPKI) is set. */
  jwksUrl: string | undefined;
  publicKey: string | undefined;
  algorithms: string[];
  /** How long a fetched key set is used before it is fetched again. */
  jwksCacheSeconds: number;
  /** The least time between two fetches that a token with an unknown key id may cause. */
  jwksCooldownSeconds: number;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** The claim that carries the user id, a canonical decimal integer. */
  userIdClaim: string;
}

/** Who the user is, by mode (docs/security.md). */
export type AuthConfig =
  | { mode: 'open'; /** Allowed in production by AUTH_ALLOW_OPEN_IN_PRODUCTION: warned about at every start. */ openInProduction: boolean }
  | { mode: 'gateway'; header: string }
  | { mode: 'jwt'; jwt: JwtSettings };

/** IDENTITY_HEADER alone keeps meaning what it always did: a gateway in front. */
export const authModeOf = (env: Env): AuthMode => env.AUTH_MODE ?? (env.IDENTITY_HEADER ? 'gateway' : 'open');

export function toAuthConfig(env: Env): AuthConfig {
  const mode = authModeOf(env);
  if (mode === 'gateway') return { mode, header: env.IDENTITY_HEADER ?? '' };
  if (mode === 'open') return { mode, openInProduction: env.NODE_ENV === 'production' };
  return {
    mode,
    jwt: {
      jwksUrl: env.AUTH_JWKS_URL,
      publicKey: env.AUTH_JWT_PUBLIC_KEY,
      algorithms: env.AUTH_JWT_ALGORITHMS.split(',').map((name) => name.trim()).filter(Boolean),
      jwksCacheSeconds: env.AUTH_JWKS_CACHE_SECONDS,
      jwksCooldownSeconds: env.AUTH_JWKS_COOLDOWN_SECONDS,
      issuer: env.AUTH_JWT_ISSUER ?? '',
      audience: env.AUTH_JWT_AUDIENCE ?? '',
      clockToleranceSeconds: env.AUTH_JWT_CLOCK_TOLERANCE_SECONDS,
      userIdClaim: env.AUTH_USER_ID_CLAIM,
    },
  };
}
