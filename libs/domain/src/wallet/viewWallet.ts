import type { WalletView } from './chargeWallet.js';
import type { WalletStore } from './walletStore.js';

/** A user's balance; a user who never charged has a balance of 0, not an error. */
export async function viewWallet({
  ctx,
  input,
}: {
  ctx: { store: WalletStore };
  input: { userId: number };
}): Promise<WalletView> {
  const balance = await ctx.store.balanceOf(input.userId);
  return { userId: input.userId, balance: balance ?? 0 };
}
