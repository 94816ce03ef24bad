import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp.js';

describe('GET /api/v1/booking-rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ HOLD_TTL_SECONDS: '90', HOLD_MAX_SEATS_PER_USER: '3', PAYMENT_WINDOW_SECONDS: '45' });
  });
  afterAll(() => t.destroy());

  it('tells any client, without a token, the limits this deployment is set to', async () => {
    const response = await t.app.request('/api/v1/booking-rules');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { holdTtlSeconds: 90, maxSeatsPerUser: 3, paymentWindowSeconds: 45 } });
  });
});
