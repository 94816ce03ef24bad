import type { QueueContext, QueueEntry, QueueStore, QueueView, TokenSigner } from '../../src/index.js';
import { manualClock } from '../../src/index.js';

/** A store whose answer the test sets, and a signer whose tokens are `token-<userId>`. */
export function fakeQueue(initial: QueueEntry = { status: 'ACTIVE' }) {
  const state = { entry: initial, achievedPerSecond: 0, released: [] as number[], touched: [] as number[] };
  const view = (): QueueView => ({ ...state.entry, achievedPerSecond: state.achievedPerSecond });
  const store: QueueStore = {
    enter: async () => view(),
    poll: async () => view(),
    touch: async (userId) => {
      state.touched.push(userId);
      return state.entry;
    },
    admit: async () => 0,
    release: async (userId) => {
      state.released.push(userId);
    },
  };
  const signer: TokenSigner = {
    issue: async (userId) => `token-${userId}`,
    verify: async (token) => (/^token-\d+$/.test(token) ? Number(token.slice(6)) : null),
  };
  const policy = {
    maxActiveUsers: 10,
    admissionsPerSecond: 100,
    idleTimeoutSeconds: 600,
    tokenLifetimeSeconds: 3_600,
    waitingPollTimeoutSeconds: 60,
  };
  const ctx: QueueContext = { store, signer, clock: manualClock(), policy };
  return { ctx, state };
}
