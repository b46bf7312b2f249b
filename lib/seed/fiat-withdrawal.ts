import Decimal from 'decimal.js';
import { isCrypto, type Account } from './accounts';
import type { SeedContext } from './context';
import type { Money, TransactionSpec, Transactions } from './transactions';

/** Python's default decimal context: 28 significant digits, rounding half to even. */
const PyDecimal = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN });
const Exact = Decimal.clone({ precision: 80 });

/**
 * Python's `str(Decimal(a) / Decimal(b))` for two amounts with 2 decimals (given in cents), as
 * Gryphon writes `exchange_rate`: an inexact quotient keeps all 28 significant digits, trailing
 * zeros included; an exact one is written in as few digits as it needs (the quotient's ideal
 * exponent is 0). Valid for quotients between 1e-6 and 1e27, where Python writes no exponent.
 */
export function pythonQuotient(aCents: number, bCents: number): string {
  const q = new PyDecimal(aCents).div(bCents);
  const exact = new Exact(q).times(bCents).eq(aCents);
  return exact ? q.toString() : q.toPrecision(28);
}

export interface FiatWithdrawal {
  from: Account;
  to: Account;
  /** What the operator entered; the source's fee is taken out of it. */
  amount: Money;
  /** The source's fiat withdrawal fee; none from the bank (Gryphon has no exchange object for it). */
  fee?: Money;
  /** What arrives, when it is another currency: the details then get the `exchange_rate`. */
  deposit?: Money;
  details: Record<string, string>;
}

/**
 * The two legs Gryphon's `ExchangeData.record_fiat_withdrawal` writes
 * (gryphon/lib/models/exchange.pyx): a WITHDRAWL of the amount less the fee, the fee on it, and a
 * DEPOSIT of the same net amount (or of `deposit`) with no fee; both carry the same details
 * dict and no shared id.
 */
export function fiatWithdrawalLegs(w: FiatWithdrawal): {
  withdrawal: TransactionSpec;
  deposit: TransactionSpec;
} {
  if (isCrypto(w.amount.currency) || (w.deposit && isCrypto(w.deposit.currency)))
    throw new Error('record_fiat_withdrawal moves fiat only');
  const net: Money = w.fee
    ? { units: w.amount.units - w.fee.units, currency: w.amount.currency }
    : w.amount;
  const details =
    w.deposit && w.deposit.currency !== w.amount.currency
      ? { ...w.details, exchange_rate: pythonQuotient(w.amount.units, w.deposit.units) }
      : w.details;
  return {
    withdrawal: {
      type: 'WITHDRAWL',
      account: w.from,
      amount: net,
      ...(w.fee ? { fee: w.fee } : {}),
      details,
    },
    deposit: { type: 'DEPOSIT', account: w.to, amount: w.deposit ?? net, details },
  };
}

/**
 * The bank bot's `record_burn` (bank to BURN) and `record_reverse_burn` (BURN to bank)
 * (gryphon/execution/bots/bank.py): `record_fiat_withdrawal` with the bank line's
 * `{"description": ...}`, then `deposit.complete()` at once. Now and then the clock has ticked
 * between the two legs, so the deposit is a second later (never onto a whole minute, when the
 * audits are taken).
 */
export function recordBankBotTransfer(
  ctx: SeedContext,
  tx: Transactions,
  from: Account,
  to: Account,
  amount: Money,
  description: string,
  time: number,
): void {
  const { withdrawal, deposit } = fiatWithdrawalLegs({
    from,
    to,
    amount,
    details: { description },
  });
  tx.completed(withdrawal, time);
  const tick = ctx.forms.chance(0.25) && (time + 1) % 60 !== 0;
  tx.completed(deposit, tick ? time + 1 : time);
}
