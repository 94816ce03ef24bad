import { h } from '../dom.js';
import { money } from '../format.js';
import type { AvailableSeat } from '../seatFeed.js';

/** A seat of this buyer's, as far as their own hold, reservation and payment go. */
export type OwnSeatState = 'held' | 'reserved' | 'sold';
type SeatState = 'free' | 'taken' | 'selected' | OwnSeatState;

const describe: Record<SeatState, string> = {
  free: 'free',
  taken: 'taken',
  selected: 'selected',
  held: 'held by you',
  reserved: 'reserved by you, awaiting payment',
  sold: 'sold to you',
};

/**
 * The grid of an event's seats by number: free seats (by price) can be selected, up to `limit`; the
 * others are taken (held or sold by someone) or this buyer's own. Fed by the seat feed.
 */
export class SeatMap {
  readonly element: HTMLElement;
  private readonly buttons: HTMLButtonElement[] = [];
  private available = new Map<number, AvailableSeat>();
  private readonly seatNumbers = new Map<number, number>();
  private readonly prices = new Map<number, number>();
  private readonly own = new Map<number, OwnSeatState>();
  private readonly selected = new Set<number>();

  constructor(
    seatCount: number,
    private readonly limit: number,
    private readonly onSelectionChange: (seats: AvailableSeat[]) => void,
  ) {
    const grid = h('div', { class: 'seat-grid', role: 'group', 'aria-label': 'Seats by number' });
    for (let seatNumber = 1; seatNumber <= seatCount; seatNumber += 1) {
      const button = h('button', { type: 'button', class: 'seat', 'data-seat': seatNumber, onClick: () => this.toggle(seatNumber) }, seatNumber);
      this.buttons.push(button);
      grid.append(button);
    }
    this.element = h('div', { class: 'seat-map' }, grid);
    this.render();
  }

  /** The seats on sale now, from the feed. A selected seat someone else took is unselected. */
  update(available: AvailableSeat[]): void {
    this.available = new Map(available.map((seat) => [seat.seatNumber, seat]));
    for (const seat of available) {
      this.seatNumbers.set(seat.id, seat.seatNumber);
      this.prices.set(seat.seatNumber, seat.price);
    }
    for (const seatNumber of this.selected) if (!this.available.has(seatNumber)) this.selected.delete(seatNumber);
    this.render();
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

  selection(): AvailableSeat[] {
    return [...this.selected].flatMap((seatNumber) => this.available.get(seatNumber) ?? []);
  }

  seatNumberOf = (seatId: number): number | undefined => this.seatNumbers.get(seatId);

  private toggle(seatNumber: number): void {
    if (this.selected.has(seatNumber)) this.selected.delete(seatNumber);
    else if (this.available.has(seatNumber) && this.selected.size < this.limit) this.selected.add(seatNumber);
    this.render();
    this.onSelectionChange(this.selection());
  }

  private stateOf(seatNumber: number): SeatState {
    const own = this.own.get(seatNumber);
    if (own) return own;
    if (this.selected.has(seatNumber)) return 'selected';
    return this.available.has(seatNumber) ? 'free' : 'taken';
  }

  private render(): void {
    const tiers = [...new Set(this.prices.values())].sort((a, b) => a - b);
    const full = this.selected.size >= this.limit;
    this.buttons.forEach((button, index) => {
      const seatNumber = index + 1;
      const state = this.stateOf(seatNumber);
      const price = this.prices.get(seatNumber);
      button.dataset.state = state;
      button.dataset.tier = price === undefined ? '' : String(tiers.indexOf(price));
      button.disabled = !(state === 'selected' || (state === 'free' && !full));
      button.setAttribute('aria-pressed', String(state === 'selected'));
      const label = `Seat ${seatNumber}, ${describe[state]}${price === undefined || state === 'taken' ? '' : `, ${money(price)}`}`;
      button.setAttribute('aria-label', label);
      button.title = label;
    });
  }
}
