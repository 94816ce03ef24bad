import { createConcertClient, isApiError, type ConcertClient } from '@concert/sdk';
import type { Notice } from './notice.js';
import type { BookingRules } from './types.js';

/**
 * One buyer's visit: who they are (a demo identity: the API runs in AUTH_MODE=open), the client
 * that holds their queue token, the deployment's booking rules, and what the page shares.
 */
export interface Session {
  userId: number;
  api: ConcertClient;
  rules: BookingRules;
  notice: Notice;
  /** Called after anything that moves money: the wallet and the purchases read again. */
  moneyMoved(): void;
}

export async function openSession(userId: number, notice: Notice, moneyMoved: () => void): Promise<Session> {
  const api = createConcertClient({ baseUrl: window.location.origin });
  return { userId, api, rules: await api.getBookingRules(), notice, moneyMoved };
}

/**
 * Runs a call that needs a queue token of any standing (cancel, release): with the one the buyer
 * has, or a new one when they have none or theirs ended (a payment ends it).
 */
export async function withAnyToken<T>(session: Session, call: () => Promise<T>): Promise<T> {
  if (!session.api.userToken) await session.api.issueQueueToken({ userId: session.userId });
  try {
    return await call();
  } catch (error) {
    if (!isApiError(error, 'token_expired') && !isApiError(error, 'token_invalid')) throw error;
    await session.api.issueQueueToken({ userId: session.userId });
    return call();
  }
}
