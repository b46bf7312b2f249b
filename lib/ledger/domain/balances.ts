import { fixedToString, type Fixed } from '../../core/money/fixed';
import type { Balances, LedgerRow } from './types';

/** Running balances of every currency, applied row by row in time order. */
export class BalanceBook {
  private readonly amounts: Balances;
  /** Formatted balances: a row changes one currency, so the others' strings are reused (CSV hot path). */
  private readonly texts = new Map<string, string>();

  constructor(opening: Balances = new Map()) {
    this.amounts = new Map(opening);
  }

  get(currency: string): Fixed {
    return this.amounts.get(currency) ?? 0n;
  }

  apply(row: Pick<LedgerRow, 'currency' | 'amount'>): void {
    this.amounts.set(row.currency, this.get(row.currency) + row.amount);
    this.texts.delete(row.currency);
  }

  /** Undoes a row: walking newest-first from a closing balance gives each row's after-balance. */
  unapply(row: Pick<LedgerRow, 'currency' | 'amount'>): void {
    this.amounts.set(row.currency, this.get(row.currency) - row.amount);
    this.texts.delete(row.currency);
  }

  snapshot(): Balances {
    return new Map(this.amounts);
  }

  /** Decimal strings for the given currencies, zeros included, in that order. */
  format(currencies: readonly string[]): string[] {
    return currencies.map((c) => {
      let t = this.texts.get(c);
      if (t === undefined) this.texts.set(c, (t = fixedToString(this.get(c))));
      return t;
    });
  }
}

export function addBalances(a: Balances, b: Balances, sign: 1n | -1n = 1n): Balances {
  const out = new Map(a);
  for (const [c, v] of b) out.set(c, (out.get(c) ?? 0n) + sign * v);
  return out;
}

export function balancesToStrings(
  b: Balances,
  currencies?: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of currencies ?? sortCurrencies(b.keys())) out[c] = fixedToString(b.get(c) ?? 0n);
  return out;
}

/** Alphabetical, so that balance columns keep their place from page to page. */
export function sortCurrencies(currencies: Iterable<string>): string[] {
  return [...new Set(currencies)].sort();
}

/**
 * Balance after each row of `rows` (time order), starting from `opening`: the running balance
 * column. Returns one snapshot per row, restricted to `currencies`.
 */
export function runningBalances(
  rows: readonly LedgerRow[],
  opening: Balances,
  currencies: readonly string[],
): string[][] {
  const book = new BalanceBook(opening);
  return rows.map((r) => {
    book.apply(r);
    return book.format(currencies);
  });
}
