import type { Config } from '@concert/config';
import { assertIdentity, DomainError } from '@concert/domain';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';

const USER_ID = /^(0|[1-9]\d{0,15})$/;

/** Whether an identity header's value names a user (what the gateway must send). */
export const isUserId = (value: string | undefined) => USER_ID.test(value?.trim() ?? '');

/**
 * The user id the authenticating gateway vouched for, when IDENTITY_HEADER is set
 * (docs/adr/0002-identity.md); undefined when no gateway is configured.
 */
export function gatewayIdentity(c: Context, config: Config): number | undefined {
  if (config.identityHeader === undefined) return undefined;
  const value = c.req.header(config.identityHeader);
  if (!isUserId(value)) {
    throw new DomainError(
      'identity_missing',
      `The ${config.identityHeader} header must carry the authenticated user id (set by the gateway in front).`,
    );
  }
  return Number(value?.trim());
}

/** `/api/v1/users/{userId}/...`: routes that act for the user named in the path. */
const USER_PATH = /^\/api\/v1\/users\/([^/]+)(?:\/|$)/;

/**
 * With IDENTITY_HEADER set, every API request must carry the gateway's identity, and a route acting
 * for a user named in its path must name that same user. Token-bearing routes compare the token's
 * user themselves (the gate, the queue routes). Without the setting this does nothing.
 */
export function requireGatewayIdentity(config: Config) {
  return createMiddleware(async (c, next) => {
    const identity = gatewayIdentity(c, config);
    const pathUser = USER_PATH.exec(c.req.path)?.[1];
    if (identity !== undefined && pathUser !== undefined && USER_ID.test(pathUser)) assertIdentity(identity, Number(pathUser));
    await next();
  });
}
