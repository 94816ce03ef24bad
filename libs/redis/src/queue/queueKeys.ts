/**
 * The waiting room's keys. They share ONE hash tag, so each script's keys sit in one slot and the
 * scripts run unchanged on Redis Cluster.
 */
export function queueKeys(keyPrefix: string) {
  const base = `${keyPrefix}:{queue}`;
  return {
    /** sorted set: user id by arrival sequence (FIFO order). */
    waiting: `${base}:waiting`,
    /** sorted set: waiting user id by last status poll (ms), to drop abandoned places. */
    seen: `${base}:seen`,
    /** sorted set: active user id by the instant (ms) its slot lapses (idle timeout or lifetime). */
    active: `${base}:active`,
    /** hash: active user id → admission instant (ms), for the absolute lifetime. */
    admittedAt: `${base}:admitted-at`,
    /** counter: the arrival sequence. */
    sequence: `${base}:sequence`,
    /** hash: second (epoch) → users admitted in it: the per-second budget and the achieved rate. */
    admissions: `${base}:admissions`,
    /** hash: waiting user id → arrival instant (ms), for the operator's "oldest wait". */
    arrivedAt: `${base}:arrived-at`,
    /** hash: the adaptive admission's state: rate, decided (second), reason, and the health it was decided on. */
    control: `${base}:admission-control`,
  };
}

export type QueueKeys = ReturnType<typeof queueKeys>;

/**
 * hash per second (epoch): the purchase steps answered in it, every process's, by latency bucket
 * (expires). Under the waiting room's hash tag, so the controller reads them with its state.
 */
export const purchaseHealthKey = (keyPrefix: string, second: number) => `${keyPrefix}:{queue}:purchase-health:${second}`;

/** KEYS[1..8] of every queue script, in the order the Lua prelude names them. */
export const scriptKeys = (keys: QueueKeys) =>
  [keys.waiting, keys.seen, keys.active, keys.admittedAt, keys.sequence, keys.admissions, keys.arrivedAt, keys.control] as const;
