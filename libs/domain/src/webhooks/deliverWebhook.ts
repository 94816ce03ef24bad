import type { Clock } from '../shared/clock.js';
import { attemptVerdict } from './attemptVerdict.js';
import type { DueDelivery, EventFeed, WebhookSender, WebhookStore } from './webhookPorts.js';

export interface DispatchContext {
  store: WebhookStore;
  sender: WebhookSender;
  feed: EventFeed;
  clock: Clock;
  /** The wait before each retry, in order. */
  retryDelaysMs: readonly number[];
}

/** One attempt of a claimed delivery: the POST, then its log line and verdict in one write. */
export async function deliverWebhook({ ctx, input }: { ctx: Omit<DispatchContext, 'feed'>; input: DueDelivery }) {
  const result = await ctx.sender.send(input, ctx.clock.now());
  const now = ctx.clock.now();
  const verdict = attemptVerdict(result, input.attempts, ctx.retryDelaysMs, now);
  await ctx.store.recordAttempt(input, result, verdict, now);
  return verdict;
}

/**
 * Turns the events the feed has not handed out yet into deliveries (one per subscribed endpoint),
 * then acknowledges them. A dispatcher that dies before the acknowledgement gets them again (its
 * consumer group keeps them pending), and the second fan-out adds nothing.
 */
export async function fanOutEvents({ ctx, input }: { ctx: Pick<DispatchContext, 'feed' | 'store' | 'clock'>; input: { count: number; blockMs: number } }) {
  const { events, ack } = await ctx.feed.read(input.count, input.blockMs);
  if (events.length > 0) await ctx.store.addDeliveries(events, ctx.clock.now());
  await ack();
  return events.length;
}
