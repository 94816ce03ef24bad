/** What a queue status answer tells a waiting buyer: the API's estimate of the wait, in seconds. */
export interface QueueEstimate {
  estimatedWaitingTime: number;
}

/** Seconds before the next queue status poll, given the last answer and how many polls came before it. */
export type PollDelay = (place: QueueEstimate, pollsSoFar: number) => number;

/** The seed's client: the same pause whatever the answer. */
export const everySeconds =
  (seconds: number): PollDelay =>
  () =>
    seconds;

/**
 * A buyer on one of our frontends: the SDK's `waitUntilActive` with its defaults (libs/sdk,
 * `nextPollDelay`), which backs off from 1 s, never past the API's estimate of the admission, at
 * most 10 s, with ±20% jitter so buyers who joined together do not poll together. k6 cannot load
 * a workspace package, so the rule is restated here; a test holds it equal to the SDK's.
 */
export function likeTheSdk(random: () => number = Math.random): PollDelay {
  return (place, pollsSoFar) => {
    const backoff = 2 ** pollsSoFar;
    const target = place.estimatedWaitingTime > 0 ? Math.min(backoff, place.estimatedWaitingTime) : backoff;
    return Math.min(10, Math.max(1, target * (0.8 + 0.4 * random())));
  };
}
