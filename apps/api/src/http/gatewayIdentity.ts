import type { Config } from '@concert/config';
import { DomainError } from '@concert/domain';
import type { Context } from 'hono';

const USER_ID = /^(0|[1-9]\d{0,15})$/;

/**
 * The user id the authenticating gateway vouched for, when IDENTITY_HEADER is set
 * (docs/adr/0002-identity.md); undefined when no gateway is configured.
 */
export function gatewayIdentity(c: Context, config: Config): number | undefined {
  if (config.identityHeader === undefined) return undefined;
  const value = c.req.header(config.identityHeader)?.trim() ?? '';
  if (!USER_ID.test(value)) {
    throw new DomainError(
      'identity_missing',
      `The ${config.identityHeader} header must carry the authenticated user id (set by the gateway in front).`,
    );
  }
  return Number(value);
}
