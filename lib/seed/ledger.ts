import {
  ACCOUNTS,
  CURRENCIES,
  CURRENCY_INDEX,
  isCrypto,
  type Account,
  type Currency,
} from './accounts';
import { formatTrimmed, LEDGER_SCALE } from './fixed';

/**
 * Running balance of every account in every currency, in ledger units (bigint, scale 10),
 * kept by the same rule the dashboards use to sum a ledger (Gryphon's `ledger_balance` with
 * include_pending=False): bid volumes, ask notionals and COMPLETED deposits add; bid
 * notionals, ask volumes, trade fees, COMPLETED withdrawals and transaction fees subtract.
 * IN_TRANSIT transactions count only from the moment they complete.
 */
export class Ledger {
  private readonly balances: bigint[][];

  constructor() {
    const maxId = Math.max(...ACCOUNTS.map((a) => a.id));
    this.balances = Array.from({ length: maxId + 1 }, () => CURRENCIES.map(() => 0n));
  }

  add(account: Account, currency: Currency, amount: bigint): void {
    this.balances[account.id][CURRENCY_INDEX[currency]] += amount;
  }

  get(account: Account, currency: Currency): bigint {
    return this.balances[account.id][CURRENCY_INDEX[currency]];
  }

  /**
   * Gryphon's JSON money dict, {"BTC": "BTC 1.23000000", "USD": "USD 456.78"}: the currencies
   * the account has ever held (`held`), amounts exact (fiat at least 2 decimals, crypto 8).
   */
  moneyDict(account: Account, held: readonly Currency[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of held) out[c] = moneyRepr(c, this.get(account, c));
    return out;
  }
}

/** Gryphon's Money repr of ledger units: "BTC 1.23000000", "USD 456.78". */
export function moneyRepr(currency: Currency, units: bigint): string {
  return `${currency} ${formatTrimmed(units, LEDGER_SCALE, isCrypto(currency) ? 8 : 2)}`;
}

/** Currencies shown in an account's balance dict: its pair's two, or its cash currency. */
export function heldCurrencies(account: Account): Currency[] {
  if (account.kind === 'pair') return [account.base, account.quote];
  return account.kind === 'burn' ? ['USD'] : [account.quote];
}
