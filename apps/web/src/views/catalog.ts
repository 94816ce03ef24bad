import { h, show } from '../dom.js';
import { explain } from '../errors.js';
import { dateTime } from '../format.js';
import type { Session } from '../session.js';
import type { Concert, ConcertEvent } from '../types.js';

/** Every concert, each with a button that starts buying tickets for it. */
export async function showConcerts(container: HTMLElement, session: Session, onPick: (concert: Concert) => void): Promise<void> {
  show(container, h('p', {}, 'Loading concerts…'));
  try {
    const concerts = await session.api.listConcerts();
    show(
      container,
      h('h2', { id: 'stage-title', tabindex: -1 }, 'Concerts'),
      h(
        'ul',
        { class: 'cards' },
        ...concerts.map((concert) =>
          h(
            'li',
            { class: 'card' },
            h('h3', {}, concert.title),
            h('p', {}, concert.singer),
            h('p', { class: 'muted' }, concert.description),
            h('button', { type: 'button', onClick: () => onPick(concert) }, `Get tickets for ${concert.title}`),
          ),
        ),
      ),
    );
  } catch (error) {
    show(container, h('p', {}, explain(error)));
  }
}

/** The concert's dates on sale now (the buyer has been admitted: the list is behind the waiting room). */
export async function showDates(container: HTMLElement, session: Session, concert: Concert, onPick: (event: ConcertEvent) => void): Promise<void> {
  show(container, h('p', {}, 'Loading dates…'));
  try {
    const events = await session.api.listAvailableEvents({ concertId: concert.id });
    show(
      container,
      h('h2', { id: 'stage-title', tabindex: -1 }, `${concert.title}: choose a date`),
      events.length === 0
        ? h('p', {}, 'No date of this concert is on sale now.')
        : h(
            'ul',
            { class: 'cards' },
            ...events.map((event) =>
              h(
                'li',
                { class: 'card' },
                h('h3', {}, dateTime(event.startAt)),
                h('p', {}, event.venue),
                h('button', { type: 'button', onClick: () => onPick(event) }, `Choose seats for ${dateTime(event.startAt)}`),
              ),
            ),
          ),
    );
  } catch (error) {
    session.notice.error(explain(error));
  }
}
