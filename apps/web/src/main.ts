import './style.css';
import { h, show } from './dom.js';
import { explain } from './errors.js';
import { createNotice } from './notice.js';
import { openSession } from './session.js';
import { startShop } from './shop.js';
import { purchasesView } from './views/purchases.js';
import { walletView } from './views/wallet.js';

const element = (id: string) => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}.`);
  return found;
};

const notice = createNotice(element('notice'));
const buyerForm = element('buyer') as HTMLFormElement;
const buyerInput = element('buyer-id') as HTMLInputElement;
let leaveShop: () => void = () => undefined;

/**
 * Signing in as a buyer: a demo identity, taken on trust by an API in AUTH_MODE=open. Everything
 * below it (wallet, shop, purchases) belongs to that buyer and starts again for another.
 */
async function signIn(userId: number): Promise<void> {
  leaveShop();
  notice.clear();
  try {
    const session = await openSession(userId, notice, () => {
      void wallet.refresh();
      void purchases.refresh();
    });
    const wallet = walletView(element('wallet'), session);
    const purchases = purchasesView(element('purchases'), session);
    element('buyer-name').textContent = `Buyer ${userId}`;
    leaveShop = startShop(element('stage'), session, wallet.topUp);
    document.body.dataset.signedIn = 'true';
  } catch (error) {
    notice.error(explain(error));
  }
}

buyerForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (buyerInput.validity.valid) void signIn(buyerInput.valueAsNumber);
});

show(element('stage'), h('p', {}, 'Sign in as a buyer to see the concerts on sale.'));
