import { createWalletStore } from '@concert/db';
import { chargeWallet, viewWallet } from '@concert/domain';
import { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import type { CliContext } from '../context.js';
import { printRecord, type OutputOptions } from '../output.js';

export function walletCommand(context: () => CliContext): Command {
  const wallet = new Command('wallet').description("Users' wallets (money in the smallest unit)");
  const store = async () => createWalletStore(await context().database());
  wallet
    .command('show')
    .description("Show a user's balance (0 when the user never charged)")
    .argument('<userId>', 'the user', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (userId: number, options: OutputOptions) => {
      printRecord({ ...(await viewWallet({ ctx: { store: await store() }, input: { userId } })) }, options);
    });
  wallet
    .command('charge')
    .description('Add money to a wallet, with its ledger entry, within WALLET_MAX_CHARGE_AMOUNT and WALLET_MAX_BALANCE')
    .argument('<userId>', 'the user', positiveInteger)
    .argument('<amount>', 'the amount, in the smallest unit', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (userId: number, amount: number, options: OutputOptions) => {
      const limits = context().config.wallet;
      const charged = await chargeWallet({ ctx: { store: await store(), limits }, input: { userId, amount } });
      printRecord({ ...charged, charged: amount }, options);
    });
  return wallet;
}
