import { isApiError } from '@concert/sdk';
import { startCountdown } from '../countdown.js';
import { h, show } from '../dom.js';
import { explain } from '../errors.js';
import { money, seatsText } from '../format.js';
import type { FeedSeat } from '../seatFeed.js';
import { withAnyToken, type Session } from '../session.js';
import type { ConcertEvent, Hold, Reservation } from '../types.js';
import type { SeatMap } from './seatMap.js';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface CheckoutEvents {
  /** Topping up the wallet from here (a payment short of money). */
  topUp(amount: number): Promise<void>;
  /** Paid: the buyer's admission has ended with it (the API frees the slot for the next in line). */
  onPaid(): void;
}

/**
 * The buyer's way from chosen seats to a payment: hold them (with a countdown to the hold's end),
 * reserve, pay from the wallet; give the hold or the reservation up on the way.
 */
export class Checkout {
  readonly element = h('section', { class: 'checkout', 'aria-labelledby': 'checkout-title' });
  private stopCountdown: () => void = () => undefined;
  private seats: number[] = [];

  constructor(
    private readonly session: Session,
    private readonly event: ConcertEvent,
    private readonly map: SeatMap,
    private readonly events: CheckoutEvents,
  ) {
    this.choose([]);
  }

  /** Nothing held: what is selected, and the button that holds it. */
  choose(selection: FeedSeat[]): void {
    if (this.seats.length > 0) return;
    const total = selection.reduce((sum, seat) => sum + seat.price, 0);
    show(
      this.element,
      h('h2', { id: 'checkout-title' }, 'Your seats'),
      h('p', {}, `Choose up to ${this.session.rules.maxSeatsPerUser} free seats on the map. A hold keeps them for you for ${Math.round(this.session.rules.holdTtlSeconds / 60)} minutes.`),
      selection.length === 0
        ? h('p', { id: 'selection' }, 'No seat chosen yet.')
        : h('p', { id: 'selection' }, `Chosen: ${seatsText(selection.map((seat) => seat.seatNumber))}, ${money(total)}`),
      h('button', { type: 'button', id: 'hold', disabled: selection.length === 0, onClick: () => void this.hold(selection) }, 'Hold these seats'),
    );
  }

  private async hold(selection: FeedSeat[]): Promise<void> {
    try {
      const hold = await this.session.api.occupySeats({ concertEventId: this.event.id, seatIds: selection.map((seat) => seat.id) });
      this.session.notice.clear();
      this.held(hold);
    } catch (error) {
      this.session.notice.error(explain(error, this.map.seatNumberOf));
    }
  }

  private held(hold: Hold): void {
    this.seats = hold.seats.map((seat) => seat.seatNumber);
    this.map.setOwn(this.seats, 'held');
    const total = hold.seats.reduce((sum, seat) => sum + seat.price, 0);
    const timer = h('p', { id: 'countdown', role: 'timer', 'aria-live': 'off' });
    show(
      this.element,
      h('h2', { id: 'checkout-title' }, 'Seats held for you'),
      h('p', {}, `${capitalised(seatsText(this.seats))}: ${money(total)}`),
      timer,
      h('button', { type: 'button', id: 'reserve', onClick: () => void this.reserve(hold) }, 'Reserve'),
      h('button', { type: 'button', class: 'secondary', onClick: () => void this.release(hold) }, 'Give the seats up'),
    );
    this.countdown(timer, hold.expiresAt, 'Held for', 'Your hold ran out and its seats went back on sale. Please choose again.');
  }

  private async reserve(hold: Hold): Promise<void> {
    try {
      this.reserved(await this.session.api.reserveHold({ concertEventId: this.event.id, occupationId: hold.id }));
      this.session.notice.clear();
    } catch (error) {
      this.session.notice.error(explain(error));
      if (isApiError(error, 'occupation_expired')) this.reset();
    }
  }

  private reserved(reservation: Reservation): void {
    this.map.setOwn(this.seats, 'reserved');
    const timer = h('p', { id: 'countdown', role: 'timer', 'aria-live': 'off' });
    show(
      this.element,
      h('h2', { id: 'checkout-title' }, 'Reserved: pay to confirm'),
      h('p', {}, `${capitalised(seatsText(this.seats))}: ${money(reservation.totalAmount)}, paid from your wallet.`),
      timer,
      h('button', { type: 'button', id: 'pay', onClick: () => void this.pay(reservation) }, `Pay ${money(reservation.totalAmount)}`),
      h('button', { type: 'button', class: 'secondary', onClick: () => void this.cancel(reservation) }, 'Cancel the reservation'),
    );
    this.countdown(timer, reservation.expiresAt, 'Pay within', 'The time to pay ran out and the seats went back on sale.');
  }

  private async pay(reservation: Reservation): Promise<void> {
    try {
      const payment = await this.session.api.payReservation({ reservationId: reservation.id });
      this.stopCountdown();
      this.map.setOwn(this.seats, 'sold');
      this.session.notice.clear();
      show(
        this.element,
        h('h2', { id: 'checkout-title' }, 'Paid: the seats are yours'),
        h('p', { id: 'confirmation' }, `Payment ${payment.id}: ${money(payment.amount)} for ${seatsText(this.seats)}.`),
        h('p', {}, 'Your turn in the sale ended with the payment. To buy more, join the waiting room again.'),
      );
      this.session.moneyMoved();
      this.events.onPaid();
    } catch (error) {
      this.session.notice.error(explain(error));
      if (isApiError(error, 'insufficient_balance')) await this.offerTopUp(reservation);
      if (isApiError(error, 'reservation_expired')) this.reset();
    }
  }

  /** A payment short of money: the missing amount, one click away. */
  private async offerTopUp(reservation: Reservation): Promise<void> {
    const { balance } = await this.session.api.getWallet({ userId: this.session.userId });
    const missing = reservation.totalAmount - balance;
    if (missing <= 0) return;
    const button = h('button', { type: 'button', id: 'top-up-missing' }, `Top up the missing ${money(missing)}`);
    button.addEventListener('click', () => {
      button.remove();
      void this.events.topUp(missing);
    });
    this.element.append(button);
  }

  private async release(hold: Hold): Promise<void> {
    try {
      await withAnyToken(this.session, () => this.session.api.releaseHold({ occupationId: hold.id }));
      this.session.notice.info('The seats are back on sale.');
    } catch (error) {
      this.session.notice.error(explain(error));
    }
    this.reset();
  }

  private async cancel(reservation: Reservation): Promise<void> {
    try {
      await withAnyToken(this.session, () => this.session.api.cancelReservation({ reservationId: reservation.id }));
      this.session.notice.info('Reservation cancelled: the seats are back on sale.');
    } catch (error) {
      this.session.notice.error(explain(error));
    }
    this.reset();
  }

  private countdown(element: HTMLElement, until: string, label: string, whenOver: string): void {
    this.stopCountdown();
    this.stopCountdown = startCountdown(element, new Date(until), label, () => {
      this.session.notice.error(whenOver);
      this.reset();
    });
  }

  /** Back to choosing: the hold or reservation is over. */
  private reset(): void {
    this.stopCountdown();
    this.map.dropOwn(this.seats);
    this.seats = [];
    this.choose([]);
  }

  close(): void {
    this.stopCountdown();
  }
}
