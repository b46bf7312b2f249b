/**
 * What an account of Gryphon's `exchange` table is, for what its ledger offers: `costs` is
 * BURN (the bank bot's operating costs: a deposit into it is money spent), `bank` an account no
 * order ever named (bank accounts: transfers only), `trading` an exchange pair account.
 */
export type AccountKind = 'trading' | 'bank' | 'costs';

export function accountKind(name: string, hasOrders: boolean): AccountKind {
  if (name.toUpperCase() === 'BURN') return 'costs';
  return hasOrders ? 'trading' : 'bank';
}
