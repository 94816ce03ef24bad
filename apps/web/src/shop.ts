import { h, show } from './dom.js';
import { explain } from './errors.js';
import { dateTime } from './format.js';
import { subscribeToSeats } from './seatFeed.js';
import type { Session } from './session.js';
import type { Concert, ConcertEvent } from './types.js';
import { showConcerts, showDates } from './views/catalog.js';
import { Checkout } from './views/checkout.js';
import { SeatMap } from './views/seatMap.js';
import { waitForTurn } from './views/waitingRoom.js';

/**
 * The buyer's path through a sale, one stage at a time in `stage`: concerts → waiting room →
 * dates → the live seat map with the checkout beside it.
 */
export function startShop(stage: HTMLElement, session: Session, topUp: (amount: number) => Promise<void>): () => void {
  let leaveStage: () => void = () => undefined;
  const enter = (render: () => unknown) => {
    leaveStage();
    leaveStage = () => undefined;
    session.notice.clear();
    void Promise.resolve(render()).then(() => stage.querySelector<HTMLElement>('#stage-title')?.focus());
  };

  const concerts = () => enter(() => showConcerts(stage, session, (concert) => void queue(concert)));
  const queue = async (concert: Concert) => {
    const away = new AbortController();
    enter(() => undefined);
    leaveStage = () => away.abort();
    const admitted = await waitForTurn(stage, session, away.signal);
    if (away.signal.aborted) return;
    if (admitted) dates(concert);
    else concerts();
  };
  const dates = (concert: Concert) => enter(() => showDates(stage, session, concert, (event) => seats(concert, event)));
  const seats = (concert: Concert, event: ConcertEvent) =>
    enter(() => {
      const map = new SeatMap(event.maxSeatCount, session.rules.maxSeatsPerUser, (selection) => checkout.choose(selection));
      // Paying ends the buyer's admission, and with it their reading of the map.
      const checkout = new Checkout(session, event, map, { topUp, onPaid: () => stopFeed() });
      const stopFeed = subscribeToSeats(session.api, event.id, {
        onSnapshot: (seats) => map.snapshot(seats),
        onChange: (seatIds, state) => map.change(seatIds, state),
        onError: (error) => session.notice.error(explain(error)),
      });
      leaveStage = () => {
        stopFeed();
        checkout.close();
      };
      show(
        stage,
        h('h2', { id: 'stage-title', tabindex: -1 }, `${concert.title}, ${dateTime(event.startAt)}`),
        h('p', { class: 'legend' }, ...legend()),
        h('div', { class: 'event-page' }, map.element, checkout.element),
        h('p', {}, h('button', { type: 'button', class: 'secondary', onClick: concerts }, 'Back to the concerts')),
      );
    });

  concerts();
  return () => leaveStage();
}

const legend = () =>
  [
    ['free', 'false', 'free'],
    ['selected', 'false', 'your choice'],
    ['held', 'false', 'held'],
    ['sold', 'false', 'sold'],
    ['taken', 'false', 'taken'],
    ['held', 'true', 'yours (outlined)'],
  ].map(([state, own, text]) =>
    h('span', { class: 'legend-item' }, h('span', { class: 'seat swatch', 'data-state': state, 'data-own': own, 'aria-hidden': 'true' }), text),
  );
