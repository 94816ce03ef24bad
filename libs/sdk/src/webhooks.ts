import { domainEventEnvelope, type DomainEventEnvelope } from '@concert/contract';

export type { DomainEventEnvelope } from '@concert/contract';

/** Why a webhook was refused; nothing about it should be trusted. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' | 'unknown_event',
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way (replayed or mis-clocked deliveries). Default 300. */
  toleranceSeconds?: number;
  /** Default: the current time. */
  now?: Date;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

const header = (headers: HeaderSource, name: string): string | undefined => {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
};

const bytesOf = (base64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));

/**
 * Verifies a webhook by the Standard Webhooks scheme and answers its event: `webhook-signature`
 * must hold a `v1,` HMAC-SHA256 of `webhook-id.webhook-timestamp.body` by `secret` (the endpoint's
 * `whsec_…`; while it rotates, either secret verifies), and the timestamp must be recent. Pass the
 * body exactly as received (the raw text, before any JSON parsing). Web Crypto only: runs in
 * browsers, Node 20+, Deno and workers. Dedupe by the event's `id` (`webhook-id`): a delivery may
 * come more than once.
 */
export async function verifyWebhook(secret: string, headers: HeaderSource, body: string, options: VerifyOptions = {}): Promise<DomainEventEnvelope> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are required.');
  }
  const now = (options.now ?? new Date()).getTime() / 1_000;
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('stale_timestamp', 'webhook-timestamp is missing, malformed or too far from now.');
  }
  const key = await crypto.subtle.importKey('raw', bytesOf(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  let verified = false;
  for (const entry of signatures.split(' ')) {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) continue;
    let candidate: Uint8Array<ArrayBuffer>;
    try {
      candidate = bytesOf(signature);
    } catch {
      continue;
    }
    // Web Crypto's verify compares in constant time.
    if (await crypto.subtle.verify('HMAC', key, candidate, signed)) verified = true;
  }
  if (!verified) throw new WebhookVerificationError('bad_signature', 'No webhook-signature matches the body and the secret.');
  const event = domainEventEnvelope.safeParse(JSON.parse(body));
  if (!event.success || event.data.id !== id) {
    throw new WebhookVerificationError('unknown_event', 'The body is signed but is not an event this SDK knows (a newer type or schema version?).');
  }
  return event.data;
}
