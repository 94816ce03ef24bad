import type { AttemptResult, AttemptVerdict } from './webhookPorts.js';

/**
 * What an attempt's result means for its delivery: a 2xx delivered it; 410 Gone says the endpoint
 * is gone for good (it is disabled, and the delivery failed); anything else is retried after the
 * next wait of the schedule, and fails once the schedule is spent. A redirect is a failure too: the
 * dispatcher never follows one to an address the operator did not register.
 */
export function attemptVerdict(result: AttemptResult, attemptsBefore: number, retryDelaysMs: readonly number[], now: Date): AttemptVerdict {
  const { statusCode } = result;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { status: 'DELIVERED' };
  if (statusCode === 410) return { status: 'FAILED', disableEndpoint: 'The endpoint answered 410 Gone.' };
  const delay = retryDelaysMs[attemptsBefore];
  if (delay === undefined) return { status: 'FAILED' };
  return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + delay) };
}
