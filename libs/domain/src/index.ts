export { manualClock, systemClock, type Clock } from './shared/clock.js';
export { DomainError, isDomainError, type ErrorCode } from './shared/domainError.js';
export type { ActiveSlotReleaser } from './queue/activeSlotReleaser.js';
export * from './booking/index.js';
