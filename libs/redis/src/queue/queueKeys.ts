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
  };
}

export type QueueKeys = ReturnType<typeof queueKeys>;

/** KEYS[1..7] of every queue script, in the order the Lua prelude names them. */
export const scriptKeys = (keys: QueueKeys) =>
  [keys.waiting, keys.seen, keys.active, keys.admittedAt, keys.sequence, keys.admissions, keys.arrivedAt] as const;
