import { isIP } from 'node:net';
import type { DueDelivery, WebhookSender } from '@concert/domain';
import { Agent, request } from 'undici';
import { isPrivateAddress, publicOnlyLookup, RefusedAddressError } from './addressPolicy.js';
import { webhookSignature } from './signing.js';

export interface SenderSettings {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

const errorText = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)).slice(0, 500);
};

/**
 * POSTs each delivery with undici, signed by the Standard Webhooks scheme. The whole attempt (connect,
 * headers, body) must end within `timeoutMs`. Redirects are never followed (undici's `request` does
 * not; a 3xx is a failed attempt), and unless allowed, neither an IP literal nor a name that resolves
 * to a private, loopback or link-local address is connected to.
 */
export function undiciWebhookSender(settings: SenderSettings): WebhookSender & { close(): Promise<void> } {
  const agent = new Agent({
    connect: { timeout: settings.timeoutMs, ...(settings.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }) },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });
  return {
    async send(delivery: DueDelivery, sentAt: Date) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const timestamp = Math.floor(sentAt.getTime() / 1_000);
      try {
        const host = new URL(delivery.url).hostname.replace(/^\[|\]$/g, '');
        if (!settings.allowPrivateAddresses && isIP(host) !== 0 && isPrivateAddress(host)) {
          throw new RefusedAddressError(`${host} is a private address.`);
        }
        const response = await request(delivery.url, {
          dispatcher: agent,
          method: 'POST',
          body: delivery.body,
          signal: AbortSignal.timeout(settings.timeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'concert-webhooks',
            'webhook-id': delivery.eventId,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': webhookSignature(delivery.secrets, delivery.eventId, timestamp, delivery.body),
          },
        });
        // The answer's body is not needed, but must be read for the connection to be reused.
        await response.body.dump();
        const redirect = response.statusCode >= 300 && response.statusCode < 400;
        return { statusCode: response.statusCode, latencyMs: elapsed(), error: redirect ? 'Redirect not followed.' : null };
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name.includes('Timeout'));
        return { statusCode: null, latencyMs: elapsed(), error: timedOut ? `No answer within ${settings.timeoutMs} ms.` : errorText(error) };
      }
    },
    close: () => agent.close(),
  };
}
