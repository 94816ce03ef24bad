import { h, show } from '../dom.js';
import { explain } from '../errors.js';
import { dateTime, money } from '../format.js';
import { withAnyToken, type Session } from '../session.js';
import type { Payment } from '../types.js';

const statusText: Record<Payment['status'], string> = {
  COMPLETED: 'paid',
  PARTIALLY_REFUNDED: 'partly refunded',
  REFUNDED: 'refunded',
};

/** The buyer's payments, newest first, each paid one with a cancel button. Returns what reads them again. */
export function purchasesView(container: HTMLElement, session: Session): { refresh(): Promise<void> } {
  const refresh = async () => {
    try {
      render(await session.api.listPayments({ userId: session.userId }));
    } catch (error) {
      session.notice.error(explain(error));
    }
  };

  const cancel = async (payment: Payment) => {
    try {
      const cancelled = await withAnyToken(session, () => session.api.cancelReservation({ reservationId: payment.reservationId }));
      session.notice.info(`Cancelled: ${money(cancelled.refunded)} back to your wallet (fee ${money(cancelled.fee)}).`);
      session.moneyMoved();
    } catch (error) {
      session.notice.error(explain(error));
    }
  };

  const render = (payments: Payment[]) =>
    show(
      container,
      h('h2', {}, 'My purchases'),
      payments.length === 0
        ? h('p', {}, 'No purchase yet.')
        : h(
            'table',
            { id: 'purchases-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Reservation'), h('th', { scope: 'col' }, 'Paid'), h('th', { scope: 'col' }, 'Amount'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
            h(
              'tbody',
              {},
              ...payments.map((payment) =>
                h(
                  'tr',
                  {},
                  h('td', {}, `#${payment.reservationId}`),
                  h('td', {}, dateTime(payment.paidAt)),
                  h('td', {}, money(payment.amount)),
                  h('td', {}, statusText[payment.status], payment.refundedAmount > 0 ? ` (${money(payment.refundedAmount)} back)` : ''),
                  h('td', {}, payment.status === 'COMPLETED' && h('button', { type: 'button', class: 'secondary', onClick: () => void cancel(payment) }, `Cancel reservation #${payment.reservationId}`)),
                ),
              ),
            ),
          ),
    );

  void refresh();
  return { refresh };
}
