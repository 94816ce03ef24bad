import { h } from '../dom.js';
import { money } from '../format.js';
import type { FeedSeat, SeatChangeState } from '../seatFeed.js';

/** A seat of this buyer's, as far as their own hold, reservation and payment go. */
export type OwnSeatState = 'held' | 'reserved' | 'sold';
/** What the map shows: `taken` is held or sold by someone, the feed not saying which. */
type SeatState = 'free' | 'selected' | 'taken' | 'held' | 'sold';

interface KnownSeat {
  id: number;
  price: number;
}

/**
 * The grid of an event's seats by number: free seats (coloured by price) can be selected, up to
 * `limit`; the others are taken, held or sold, by someone else or by this buyer. Fed by the seat feed.
 */
export class SeatMap {
  readonly element: HTMLElement;
  /** The prices of the seats on the map, each with its colour. */
  private readonly priceLegend = h('p', { class: 'legend', 'aria-label': 'Prices' });
  private readonly buttons: HTMLButtonElement[] = [];
  private readonly known = new Map<number, KnownSeat>();
  private readonly byId = new Map<number, number>();
  private readonly fed = new Map<number, SeatState>();
  private readonly own = new Map<number, OwnSeatState>();
  private readonly selected = new Set<number>();

  constructor(
    seatCount: number,
    private readonly limit: number,
    private readonly onSelectionChange: (seats: FeedSeat[]) => void,
  ) {
    const grid = h('div', { class: 'seat-grid', role: 'group', 'aria-label': 'Seats by number' });
    for (let seatNumber = 1; seatNumber <= seatCount; seatNumber += 1) {
      const button = h('button', { type: 'button', class: 'seat', 'data-seat': seatNumber, onClick: () => this.toggle(seatNumber) }, seatNumber);
      this.buttons.push(button);
      grid.append(button);
    }
    this.element = h('div', { class: 'seat-map' }, this.priceLegend, grid);
    this.render();
  }

  /** The whole map from the feed; a seat it does not list is taken. */
  snapshot(seats: FeedSeat[]): void {
    this.fed.clear();
    for (const seat of seats) {
      this.known.set(seat.seatNumber, { id: seat.id, price: seat.price });
      this.byId.set(seat.id, seat.seatNumber);
      this.fed.set(seat.seatNumber, seat.available ? 'free' : 'taken');
    }
    this.element.dataset.fed = 'true';
    this.settle();
  }

  change(seatIds: number[], state: SeatChangeState): void {
    const shown: SeatState = state === 'available' ? 'free' : state === 'sold' ? 'sold' : 'held';
    for (const seatId of seatIds) {
      const seatNumber = this.byId.get(seatId);
      if (seatNumber !== undefined) this.fed.set(seatNumber, shown);
    }
    this.settle();
  }

  setOwn(seatNumbers: number[], state: OwnSeatState): void {
    for (const seatNumber of seatNumbers) this.own.set(seatNumber, state);
    this.selected.clear();
    this.render();
  }

  /** The buyer's hold or reservation ended: its seats are whatever the feed says again. */
  dropOwn(seatNumbers: number[]): void {
    for (const seatNumber of seatNumbers) this.own.delete(seatNumber);
    this.render();
  }

  selection(): FeedSeat[] {
    return [...this.selected].flatMap((seatNumber) => {
      const seat = this.known.get(seatNumber);
      return seat ? [{ ...seat, seatNumber, available: true }] : [];
    });
  }

  seatNumberOf = (seatId: number): number | undefined => this.byId.get(seatId);

  private isFree = (seatNumber: number) => this.fed.get(seatNumber) === 'free' && !this.own.has(seatNumber);

  /** A selected seat someone else took is unselected, and the buyer told by the checkout. */
  private settle(): void {
    const before = this.selected.size;
    for (const seatNumber of this.selected) if (!this.isFree(seatNumber)) this.selected.delete(seatNumber);
    this.render();
    if (this.selected.size !== before) this.onSelectionChange(this.selection());
  }

  private toggle(seatNumber: number): void {
    if (this.selected.has(seatNumber)) this.selected.delete(seatNumber);
    else if (this.isFree(seatNumber) && this.selected.size < this.limit) this.selected.add(seatNumber);
    this.render();
    this.onSelectionChange(this.selection());
  }

  private stateOf(seatNumber: number): SeatState {
    const own = this.own.get(seatNumber);
    if (own) return own === 'sold' ? 'sold' : 'held';
    if (this.selected.has(seatNumber)) return 'selected';
    return this.fed.get(seatNumber) ?? 'taken';
  }

  private render(): void {
    const tiers = [...new Set([...this.known.values()].map((seat) => seat.price))].sort((a, b) => a - b);
    this.priceLegend.replaceChildren(
      ...tiers.map((price, tier) =>
        h('span', { class: 'legend-item' }, h('span', { class: 'seat swatch', 'data-state': 'free', 'data-tier': tier, 'aria-hidden': 'true' }), money(price)),
      ),
    );
    const full = this.selected.size >= this.limit;
    this.buttons.forEach((button, index) => {
      const seatNumber = index + 1;
      const state = this.stateOf(seatNumber);
      const own = this.own.get(seatNumber);
      const price = this.known.get(seatNumber)?.price;
      button.dataset.state = state;
      button.dataset.own = String(own !== undefined);
      button.dataset.tier = price === undefined ? '' : String(tiers.indexOf(price));
      button.disabled = !(state === 'selected' || (state === 'free' && !full));
      button.setAttribute('aria-pressed', String(state === 'selected'));
      const whose = own === 'reserved' ? 'reserved by you, awaiting payment' : own ? `${state} by you` : state;
      const label = `Seat ${seatNumber}, ${whose}${price === undefined ? '' : `, ${money(price)}`}`;
      button.setAttribute('aria-label', label);
      button.title = label;
    });
  }
}
