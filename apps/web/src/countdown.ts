import { timeLeft } from './format.js';

/**
 * Shows `label` and the time left until `until` in `element`, every second, then calls `onEnd` once
 * when it reaches 0:00. Returns what stops it early.
 */
export function startCountdown(element: HTMLElement, until: Date, label: string, onEnd: () => void): () => void {
  const tick = () => {
    element.textContent = `${label} ${timeLeft(until)}`;
    if (Date.now() >= until.getTime()) {
      clearInterval(timer);
      onEnd();
    }
  };
  const timer = setInterval(tick, 1_000);
  tick();
  return () => clearInterval(timer);
}
