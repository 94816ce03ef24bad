import { EVENT_TYPES } from '../domainEvents/domainEvent.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domainError.js';
import type { WebhookEndpoint, WebhookStore } from './webhookPorts.js';

/** Makes a new `whsec_` signing secret (random bytes; node:crypto in production). */
export interface SecretMaker {
  newSecret(): string;
}

export interface WebhookAdminContext {
  store: WebhookStore;
  secrets: SecretMaker;
  clock: Clock;
}

/** How long a rotated-out secret keeps signing beside the new one, so receivers can switch over. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

const invalid = (field: string, message: string) =>
  new DomainError('invalid_request', `Invalid request: check ${field}.`, [{ field, message }]);

/**
 * Registers an endpoint for the given event types, with a new secret the operator hands to the
 * receiver. Only http and https URLs; whether the address is allowed is decided at each delivery,
 * when it is resolved (a name may point elsewhere later).
 */
export async function addWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: WebhookAdminContext;
  input: { url: string; eventTypes: string[] };
}): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  if (!/^https?:\/\/[^/\s]+/i.test(input.url) || input.url.length > 2_000) {
    throw invalid('url', 'An http:// or https:// URL of at most 2,000 characters.');
  }
  const unknown = input.eventTypes.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (input.eventTypes.length === 0 || unknown.length > 0) {
    throw invalid('events', `Name event types among: ${EVENT_TYPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}.`);
  }
  const secret = ctx.secrets.newSecret();
  const endpoint = await ctx.store.addEndpoint({ url: input.url, eventTypes: [...new Set(input.eventTypes)], secret, now: ctx.clock.now() });
  return { endpoint, secret };
}

/** A new secret for the endpoint; the old one keeps signing beside it for PREVIOUS_SECRET_GRACE_MS. */
export async function rotateWebhookSecret({ ctx, input }: { ctx: WebhookAdminContext; input: { endpointId: number } }): Promise<string> {
  const secret = ctx.secrets.newSecret();
  const until = new Date(ctx.clock.now().getTime() + PREVIOUS_SECRET_GRACE_MS);
  if (!(await ctx.store.rotateSecret(input.endpointId, secret, until))) throw endpointNotFound(input.endpointId);
  return secret;
}

export async function disableWebhookEndpoint({ ctx, input }: { ctx: Pick<WebhookAdminContext, 'store'>; input: { endpointId: number } }) {
  if (!(await ctx.store.disableEndpoint(input.endpointId, 'Disabled by an operator.'))) throw endpointNotFound(input.endpointId);
}

const endpointNotFound = (endpointId: number) => new DomainError('not_found', `Webhook endpoint ${endpointId} does not exist.`);
