import { hostname } from 'node:os';
import { dbWebhookStore } from '@concert/db';
import {
  addWebhookEndpoint,
  disableWebhookEndpoint,
  EVENT_TYPES,
  rotateWebhookSecret,
  systemClock,
  type WebhookAdminContext,
} from '@concert/domain';
import { redisEventFeed } from '@concert/redis';
import { newWebhookSecret, startWebhookDispatcher, undiciWebhookSender } from '@concert/webhooks';
import { Command, InvalidArgumentError } from 'commander';
import { positiveInteger } from '../arguments.js';
import type { CliContext } from '../context.js';
import { printRows, type OutputOptions } from '../output.js';

async function adminContext(context: CliContext): Promise<WebhookAdminContext> {
  return { store: dbWebhookStore((await context.database()).db), secrets: { newSecret: newWebhookSecret }, clock: systemClock };
}

const eventList = (value: string) => value.split(',').map((type) => type.trim()).filter(Boolean);

function instant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('must be an ISO-8601 instant, such as 2026-12-24T18:00:00Z.');
  return date;
}

/** Registering, inspecting and replaying webhook endpoints, and the dispatcher that delivers to them (docs/events.md). */
export function webhooksCommand(context: () => CliContext): Command {
  const webhooks = new Command('webhooks').description('Webhook endpoints that receive domain events, signed (docs/events.md)');
  webhooks
    .command('add')
    .description('Register an endpoint; prints its signing secret (whsec_…) once, for the receiver')
    .argument('<url>', 'where to POST, http:// or https://')
    .requiredOption('--events <types>', `comma-separated event types: ${EVENT_TYPES.join(', ')}`, eventList)
    .option('--json', 'print JSON')
    .action(async (url: string, options: { events: string[] } & OutputOptions) => {
      const { endpoint, secret } = await addWebhookEndpoint({ ctx: await adminContext(context()), input: { url, eventTypes: options.events } });
      if (options.json) console.log(JSON.stringify({ ...endpoint, secret }, null, 2));
      else console.log(`Endpoint ${endpoint.id} receives ${endpoint.eventTypes.join(', ')} at ${endpoint.url}.\nSigning secret (shown once): ${secret}`);
    });
  webhooks
    .command('list')
    .description('Every endpoint, its event types and whether it is enabled')
    .option('--json', 'print JSON')
    .action(async (options: OutputOptions) => {
      const endpoints = await (await adminContext(context())).store.endpoints();
      printRows(
        endpoints.map((each) => ({ ...each, eventTypes: each.eventTypes.join(',') })),
        [
          { key: 'id', header: 'id' },
          { key: 'url', header: 'url' },
          { key: 'eventTypes', header: 'events' },
          { key: 'status', header: 'status' },
          { key: 'disabledReason', header: 'why disabled' },
        ],
        options,
      );
    });
  webhooks
    .command('disable')
    .description('Stop delivering to an endpoint (its pending deliveries wait; nothing new is added)')
    .argument('<endpointId>', 'the endpoint', positiveInteger)
    .action(async (endpointId: number) => {
      await disableWebhookEndpoint({ ctx: await adminContext(context()), input: { endpointId } });
      console.log(`Endpoint ${endpointId} is disabled.`);
    });
  webhooks
    .command('rotate-secret')
    .description('Give an endpoint a new secret; for 24 hours deliveries carry signatures by both, so the receiver can switch')
    .argument('<endpointId>', 'the endpoint', positiveInteger)
    .action(async (endpointId: number) => {
      const secret = await rotateWebhookSecret({ ctx: await adminContext(context()), input: { endpointId } });
      console.log(`New signing secret of endpoint ${endpointId} (shown once): ${secret}`);
    });
  webhooks
    .command('deliveries')
    .description("An endpoint's latest deliveries, each with its last attempt")
    .argument('<endpointId>', 'the endpoint', positiveInteger)
    .option('--limit <n>', 'how many', positiveInteger, 50)
    .option('--json', 'print JSON')
    .action(async (endpointId: number, options: { limit: number } & OutputOptions) => {
      const deliveries = await (await adminContext(context())).store.deliveriesOf(endpointId, options.limit);
      printRows(
        deliveries.map(({ lastAttempt, ...each }) => ({
          ...each,
          lastStatus: lastAttempt?.statusCode ?? null,
          lastLatencyMs: lastAttempt?.latencyMs ?? null,
          lastError: lastAttempt?.error ?? null,
        })),
        [
          { key: 'id', header: 'id' },
          { key: 'eventId', header: 'event (webhook-id)' },
          { key: 'eventType', header: 'type' },
          { key: 'status', header: 'status' },
          { key: 'attempts', header: 'attempts' },
          { key: 'lastStatus', header: 'last HTTP' },
          { key: 'lastLatencyMs', header: 'ms' },
          { key: 'lastError', header: 'last error' },
          { key: 'nextAttemptAt', header: 'next attempt' },
        ],
        options,
      );
    });
  webhooks
    .command('replay')
    .description('Deliver again, from the first attempt: one event (any status), or every failed delivery since an instant')
    .argument('[eventId]', 'the event (its webhook-id)')
    .option('--since <instant>', 'every FAILED delivery created since then', instant)
    .option('--endpoint <id>', 'only to this endpoint', positiveInteger)
    .action(async (eventId: string | undefined, options: { since?: Date; endpoint?: number }) => {
      if ((eventId === undefined) === (options.since === undefined)) throw new InvalidArgumentError('Name an event id or --since, not both.');
      const { store } = await adminContext(context());
      const now = new Date();
      const count = eventId
        ? await store.replayEvent(eventId, now, options.endpoint)
        : await store.replayFailedSince(options.since as Date, now, options.endpoint);
      console.log(`${count} deliveries will be sent again by the dispatcher.`);
    });
  webhooks
    .command('dispatch')
    .description('Run the dispatcher until SIGINT or SIGTERM: turns stream events into deliveries and sends them (run one or more)')
    .option('--consumer <name>', "this dispatcher's name in the stream's consumer group (stable across restarts)", hostname())
    .option('--max-in-flight <n>', 'attempts at once, one per endpoint at most', positiveInteger, 50)
    .action(async (options: { consumer: string; maxInFlight: number }) => {
      const cli = context();
      const { config } = cli;
      const settings = config.events.webhooks;
      const feed = await redisEventFeed(await cli.redis(), { keyPrefix: config.redis.keyPrefix, group: 'webhooks', consumer: options.consumer, blockMs: 1_000, reclaimAfterMs: 60_000 });
      const sender = undiciWebhookSender(settings);
      const store = dbWebhookStore((await cli.database()).db);
      const log = { warn: (details: Record<string, unknown>, message: string) => console.error(message, details) };
      const running = startWebhookDispatcher(
        { store, sender, feed, clock: systemClock, retryDelaysMs: settings.retryDelaysMs },
        { claimIntervalMs: 200, maxInFlight: options.maxInFlight, leaseMs: settings.timeoutMs + 30_000, readCount: 200, readBlockMs: 1_000 },
        log,
      );
      console.log(`Dispatching webhooks as ${options.consumer} (SIGINT or SIGTERM to stop).`);
      await new Promise<void>((resolve) => {
        // `on`, not `once`: a terminal's Ctrl-C may arrive twice (from the terminal and the launcher).
        process.on('SIGINT', resolve);
        process.on('SIGTERM', resolve);
      });
      await running.stop();
      await Promise.all([feed.close(), sender.close()]);
      console.log('Dispatcher stopped.');
    });
  return webhooks;
}
