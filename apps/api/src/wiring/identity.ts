import { bearerIdentityVerifier } from '@concert/auth';
import type { AuthConfig } from '@concert/config';
import { DomainError } from '@concert/domain';

/** A request's header by name, as Hono's `c.req.header` reads it. */
export type HeaderOf = (name: string) => string | undefined;

/**
 * Who a request comes from: the authenticated user id, or undefined in `open` mode, where user ids
 * are taken on trust (docs/security.md). A request without a valid identity is refused here.
 */
export type IdentityReader = (header: HeaderOf) => Promise<number | undefined>;

const USER_ID = /^(0|[1-9]\d{0,15})$/;
const BEARER = /^Bearer +(\S+)$/i;

/** The reader of the configured mode, built once (its JWKS cache lives as long as the app). */
export function createIdentityReader(auth: AuthConfig): IdentityReader {
  if (auth.mode === 'open') return async () => undefined;
  if (auth.mode === 'gateway') {
    return async (header) => {
      const value = header(auth.header)?.trim();
      if (value === undefined || !USER_ID.test(value)) {
        throw new DomainError('identity_missing', `The ${auth.header} header must carry the authenticated user id (set by the gateway in front).`);
      }
      return Number(value);
    };
  }
  const verify = bearerIdentityVerifier(auth.jwt);
  return async (header) => {
    const token = BEARER.exec(header('Authorization')?.trim() ?? '')?.[1];
    if (token === undefined) {
      throw new DomainError('identity_missing', 'The Authorization header must carry a bearer access token from the identity provider.');
    }
    return verify(token);
  };
}
