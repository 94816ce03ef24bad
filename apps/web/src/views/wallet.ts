import { h, show } from '../dom.js';
import { explain } from '../errors.js';
import { money } from '../format.js';
import type { Session } from '../session.js';

/** The buyer's balance and a top-up form. Returns what reads the balance again. */
export function walletView(container: HTMLElement, session: Session): { refresh(): Promise<void>; topUp(amount: number): Promise<void> } {
  const balance = h('output', { id: 'wallet-balance', 'aria-live': 'polite' }, '…');
  const amount = h('input', { id: 'top-up-amount', type: 'number', min: 1, step: 1, value: 100_000, required: true, inputmode: 'numeric' });
  const refresh = async () => {
    try {
      balance.textContent = money((await session.api.getWallet({ userId: session.userId })).balance);
    } catch (error) {
      session.notice.error(explain(error));
    }
  };
  const topUp = async (value: number) => {
    try {
      const wallet = await session.api.chargeWallet({ userId: session.userId, amount: value });
      balance.textContent = money(wallet.balance);
      session.notice.info(`Added ${money(value)} to your wallet.`);
    } catch (error) {
      session.notice.error(explain(error));
    }
  };
  const form = h(
    'form',
    {
      class: 'inline',
      onSubmit: (event) => {
        event.preventDefault();
        void topUp(amount.valueAsNumber);
      },
    },
    h('label', { for: 'top-up-amount' }, 'Top up'),
    amount,
    h('button', { type: 'submit' }, 'Add to wallet'),
  );
  show(container, h('p', {}, 'Wallet balance: ', balance), form);
  void refresh();
  return { refresh, topUp };
}
