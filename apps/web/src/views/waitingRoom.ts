import { h, show } from '../dom.js';
import { explain } from '../errors.js';
import type { Session } from '../session.js';

/**
 * Joins the waiting room (or takes the buyer's place again) and shows the place until the buyer is
 * admitted; resolves true then, by itself. Resolves false if the buyer leaves the line, the call
 * fails, or `away` aborts (the page moved elsewhere: the wait stops without a word).
 */
export async function waitForTurn(container: HTMLElement, session: Session, away: AbortSignal): Promise<boolean> {
  const position = h('output', { id: 'queue-position' }, '…');
  const wait = h('output', { id: 'queue-wait' }, '…');
  const progress = h('progress', { id: 'queue-progress', max: 1, value: 0, 'aria-label': 'Progress through the waiting room' });
  const leaving = new AbortController();
  show(
    container,
    h('h2', { id: 'stage-title', tabindex: -1 }, 'Waiting room'),
    h('p', {}, 'Demand is high: buyers are let in a few at a time, in order. This page moves on by itself when it is your turn.'),
    h('p', {}, 'Your place in line: ', position, ' · estimated wait: ', wait),
    progress,
    h('p', {}, h('button', { type: 'button', onClick: () => leaving.abort() }, 'Leave the line')),
  );
  try {
    const first = await session.api.issueQueueToken({ userId: session.userId });
    const start = Math.max(first.position, 1);
    await session.api.waitUntilActive({
      signal: AbortSignal.any([leaving.signal, away]),
      maxIntervalMs: 5_000,
      onProgress: (place) => {
        position.textContent = place.status === 'ACTIVE' ? 'your turn' : String(place.position);
        wait.textContent = place.status === 'ACTIVE' ? 'none' : `about ${place.estimatedWaitingTime} s`;
        progress.value = place.status === 'ACTIVE' ? 1 : Math.max(0, (start - place.position) / start);
      },
    });
    return true;
  } catch (error) {
    if (away.aborted) return false;
    if (leaving.signal.aborted) {
      await session.api.deleteQueueToken().catch(() => undefined);
      session.notice.info('You left the waiting room.');
    } else {
      session.notice.error(explain(error));
    }
    return false;
  }
}
