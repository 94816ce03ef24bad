import type { Clock } from '../shared/clock.js';
import type { QueuePolicy } from './queuePolicy.js';
import type { QueueStore } from './queueStore.js';
import type { TokenSigner } from './tokenSigner.js';

/** What the waiting room's use cases run with. */
export interface QueueContext {
  store: QueueStore;
  signer: TokenSigner;
  clock: Clock;
  policy: QueuePolicy;
}
