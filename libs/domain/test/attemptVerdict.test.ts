import { describe, expect, it } from 'vitest';
import { attemptVerdict } from '../src/webhooks/attemptVerdict.js';

const now = new Date('2026-12-24T18:00:00.000Z');
const schedule = [5_000, 300_000, 1_800_000];
const answered = (statusCode: number | null, error: string | null = null) => ({ statusCode, latencyMs: 12, error });

describe('attemptVerdict: what one attempt decides for its delivery', () => {
  it('any 2xx delivers it', () => {
    expect(attemptVerdict(answered(200), 0, schedule, now)).toEqual({ status: 'DELIVERED' });
    expect(attemptVerdict(answered(204), 2, schedule, now)).toEqual({ status: 'DELIVERED' });
  });

  it('a failure waits the next delay of the schedule, and fails once the schedule is spent', () => {
    expect(attemptVerdict(answered(500), 0, schedule, now)).toEqual({ status: 'PENDING', nextAttemptAt: new Date(now.getTime() + 5_000) });
    expect(attemptVerdict(answered(null, 'No answer within 15000 ms.'), 2, schedule, now)).toEqual({
      status: 'PENDING',
      nextAttemptAt: new Date(now.getTime() + 1_800_000),
    });
    expect(attemptVerdict(answered(503), 3, schedule, now)).toEqual({ status: 'FAILED' });
  });

  it('a redirect is a failure like any other: retried, never followed', () => {
    expect(attemptVerdict(answered(301, 'Redirect not followed.'), 0, schedule, now)).toMatchObject({ status: 'PENDING' });
  });

  it('410 Gone fails the delivery and disables the endpoint, whatever retries are left', () => {
    expect(attemptVerdict(answered(410), 0, schedule, now)).toEqual({ status: 'FAILED', disableEndpoint: 'The endpoint answered 410 Gone.' });
  });
});
