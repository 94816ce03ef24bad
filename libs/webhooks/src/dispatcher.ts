import { deliverWebhook, fanOutEvents, type DispatchContext, type WarningLog } from '@concert/domain';

export interface DispatcherSettings {
  /** How often due deliveries are claimed. */
  claimIntervalMs: number;
  /** Attempts in flight at once in this process, one per endpoint at most. */
  maxInFlight: number;
  /** How long a claimed delivery is leased: past it, another dispatcher may try it (this one died). */
  leaseMs: number;
  /** Events read from the stream per fan-out, and how long a read waits for them. */
  readCount: number;
  readBlockMs: number;
}

export interface RunningDispatcher {
  /** Stops claiming and reading, and waits for the attempts in flight. */
  stop(): Promise<void>;
}

/**
 * The webhook dispatcher: one loop turns stream events into deliveries, another claims due
 * deliveries and sends each without waiting for the others. An endpoint has at most one attempt in
 * flight here, and the claim skips endpoints still busy, so a slow or hanging endpoint holds one
 * slot until its timeout while every other endpoint's deliveries go on.
 */
export function startWebhookDispatcher(ctx: DispatchContext, settings: DispatcherSettings, log: WarningLog): RunningDispatcher {
  let running = true;
  const inFlight = new Map<number, Promise<unknown>>();
  const busyEndpoints = new Set<number>();

  const fanOut = (async () => {
    while (running) {
      await fanOutEvents({ ctx, input: { count: settings.readCount, blockMs: settings.readBlockMs } }).catch(async (error: unknown) => {
        log.warn({ err: error }, 'webhook fan-out failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      });
    }
  })();

  let claiming: Promise<void> | undefined;
  const claim = async () => {
    const room = settings.maxInFlight - inFlight.size;
    if (room <= 0) return;
    const now = ctx.clock.now();
    const due = await ctx.store.claimDue(now, new Date(now.getTime() + settings.leaseMs), room, busyEndpoints);
    for (const delivery of due) {
      busyEndpoints.add(delivery.endpointId);
      const attempt = deliverWebhook({ ctx, input: delivery })
        .catch((error: unknown) => log.warn({ err: error, deliveryId: delivery.id }, 'webhook attempt not recorded; retried after its lease'))
        .finally(() => {
          inFlight.delete(delivery.id);
          busyEndpoints.delete(delivery.endpointId);
        });
      inFlight.set(delivery.id, attempt);
    }
  };
  const timer = setInterval(() => {
    claiming ??= claim()
      .catch((error: unknown) => log.warn({ err: error }, 'webhook claim failed; retrying next tick'))
      .finally(() => {
        claiming = undefined;
      });
  }, settings.claimIntervalMs);

  return {
    async stop() {
      running = false;
      clearInterval(timer);
      await claiming;
      await Promise.allSettled([fanOut, ...inFlight.values()]);
    },
  };
}
