import type { AttemptRecord, DeliveryRecord, DueDelivery, SigningSecrets, WebhookEndpoint, WebhookStore } from '@concert/domain';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { affectedRows, insertId } from '../affectedRows.js';
import { withTransaction, type Database } from '../client.js';
import { webhookAttempt, webhookDelivery, webhookEndpoint } from '../schema/index.js';

type EndpointRow = typeof webhookEndpoint.$inferSelect;

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  eventTypes: row.eventTypes.split(','),
  status: row.status,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt,
});

const secretsOf = (row: EndpointRow, now: Date): SigningSecrets =>
  row.previousSecret && row.previousSecretUntil && row.previousSecretUntil > now ? [row.secret, row.previousSecret] : [row.secret];

const attemptColumns = {
  statusCode: webhookAttempt.statusCode,
  latencyMs: webhookAttempt.latencyMs,
  error: webhookAttempt.error,
  attemptedAt: webhookAttempt.attemptedAt,
};

const ofEndpoint = (endpointId: number | undefined) => (endpointId === undefined ? undefined : eq(webhookDelivery.endpointId, endpointId));

/** Webhook endpoints, deliveries and their attempts on MySQL. */
export function dbWebhookStore(db: Database): WebhookStore {
  const deliverAgain = (where: ReturnType<typeof and>, now: Date) =>
    db.update(webhookDelivery).set({ status: 'PENDING', attempts: 0, nextAttemptAt: now, deliveredAt: null }).where(where);

  return {
    async addEndpoint({ url, eventTypes, secret, now }) {
      const row = { url, eventTypes: eventTypes.join(','), secret, status: 'ENABLED' as const, createdAt: now, updatedAt: now };
      const id = insertId(await db.insert(webhookEndpoint).values(row));
      return toEndpoint({ id, ...row, previousSecret: null, previousSecretUntil: null, disabledReason: null });
    },

    endpoints: async () => (await db.select().from(webhookEndpoint).orderBy(asc(webhookEndpoint.id))).map(toEndpoint),

    async disableEndpoint(endpointId, reason) {
      const changed = await db.update(webhookEndpoint).set({ status: 'DISABLED', disabledReason: reason }).where(eq(webhookEndpoint.id, endpointId));
      return affectedRows(changed) === 1;
    },

    async rotateSecret(endpointId, secret, previousUntil) {
      // Written by hand: MySQL assigns left to right, so previous_secret takes the old secret before
      // secret changes; Drizzle would order the assignments by the table's columns.
      const changed = await db.execute(sql`
        UPDATE ${webhookEndpoint}
        SET ${webhookEndpoint.previousSecret} = ${webhookEndpoint.secret}, ${webhookEndpoint.previousSecretUntil} = ${previousUntil},
            ${webhookEndpoint.secret} = ${secret}
        WHERE ${webhookEndpoint.id} = ${endpointId}`);
      return affectedRows(changed) === 1;
    },

    async addDeliveries(events, now) {
      const enabled = await db.select().from(webhookEndpoint).where(eq(webhookEndpoint.status, 'ENABLED'));
      const rows = events.flatMap((event) =>
        enabled
          .filter((endpoint) => endpoint.eventTypes.split(',').includes(event.type))
          .map((endpoint) => ({
            endpointId: endpoint.id,
            eventId: event.id,
            eventType: event.type,
            body: JSON.stringify(event),
            status: 'PENDING' as const,
            nextAttemptAt: now,
            createdAt: now,
          })),
      );
      if (rows.length === 0) return 0;
      // The unique (endpoint, event) key turns an event fed twice into no new row.
      return affectedRows(await db.insert(webhookDelivery).ignore().values(rows));
    },

    claimDue: (now, leaseUntil, limit, busyEndpoints) =>
      withTransaction(db, async (tx) => {
        // Rows another dispatcher is claiming are skipped, never waited for. The endpoint's row is
        // locked too, so two dispatchers never claim for the same endpoint at once.
        const due = await tx
          .select({ delivery: webhookDelivery, endpoint: webhookEndpoint })
          .from(webhookDelivery)
          .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
          .where(and(eq(webhookDelivery.status, 'PENDING'), lte(webhookDelivery.nextAttemptAt, now), eq(webhookEndpoint.status, 'ENABLED')))
          .orderBy(asc(webhookDelivery.nextAttemptAt), asc(webhookDelivery.id))
          .limit(limit * 4)
          .for('update', { skipLocked: true });
        // One per endpoint, and none for an endpoint this dispatcher is still waiting on: a slow
        // endpoint holds one slot, never the others'.
        const picked = new Map<number, DueDelivery>();
        for (const { delivery, endpoint } of due) {
          if (picked.size >= limit || picked.has(endpoint.id) || busyEndpoints.has(endpoint.id)) continue;
          picked.set(endpoint.id, {
            id: delivery.id,
            endpointId: endpoint.id,
            url: endpoint.url,
            secrets: secretsOf(endpoint, now),
            eventId: delivery.eventId,
            body: delivery.body,
            attempts: delivery.attempts,
          });
        }
        const claimed = [...picked.values()];
        if (claimed.length > 0) {
          await tx.update(webhookDelivery).set({ nextAttemptAt: leaseUntil }).where(inArray(webhookDelivery.id, claimed.map((each) => each.id)));
        }
        return claimed;
      }),

    recordAttempt: (delivery, result, verdict, now) =>
      withTransaction(db, async (tx) => {
        await tx.insert(webhookAttempt).values({ deliveryId: delivery.id, ...result, attemptedAt: now });
        await tx
          .update(webhookDelivery)
          .set({
            status: verdict.status,
            attempts: sql`${webhookDelivery.attempts} + 1`,
            nextAttemptAt: verdict.status === 'PENDING' ? verdict.nextAttemptAt : now,
            deliveredAt: verdict.status === 'DELIVERED' ? now : null,
          })
          .where(eq(webhookDelivery.id, delivery.id));
        if (verdict.status === 'FAILED' && verdict.disableEndpoint) {
          await tx.update(webhookEndpoint).set({ status: 'DISABLED', disabledReason: verdict.disableEndpoint }).where(eq(webhookEndpoint.id, delivery.endpointId));
        }
      }),

    async deliveriesOf(endpointId, limit) {
      const rows = await db
        .select()
        .from(webhookDelivery)
        .where(eq(webhookDelivery.endpointId, endpointId))
        .orderBy(desc(webhookDelivery.id))
        .limit(limit);
      const ids = rows.map((row) => row.id);
      const attempts = ids.length
        ? await db
            .select({ deliveryId: webhookAttempt.deliveryId, ...attemptColumns })
            .from(webhookAttempt)
            .where(inArray(webhookAttempt.deliveryId, ids))
            .orderBy(asc(webhookAttempt.id))
        : [];
      const last = new Map<number, AttemptRecord>();
      for (const { deliveryId, ...attempt } of attempts) last.set(deliveryId, attempt);
      return rows.map(({ body: _body, ...row }): DeliveryRecord => ({ ...row, lastAttempt: last.get(row.id) }));
    },

    attemptsOf: (deliveryId) =>
      db.select(attemptColumns).from(webhookAttempt).where(eq(webhookAttempt.deliveryId, deliveryId)).orderBy(asc(webhookAttempt.id)),

    replayEvent: async (eventId, now, endpointId) =>
      affectedRows(await deliverAgain(and(eq(webhookDelivery.eventId, eventId), ofEndpoint(endpointId)), now)),

    // Scans FAILED rows of webhook_delivery_due_idx (status leads it).
    replayFailedSince: async (since, now, endpointId) =>
      affectedRows(await deliverAgain(and(eq(webhookDelivery.status, 'FAILED'), gte(webhookDelivery.createdAt, since), ofEndpoint(endpointId)), now)),
  };
}
