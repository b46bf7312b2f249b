import { fixedToString, parseFixedOrZero } from '../../core/money/fixed';
import { sortCurrencies } from './balances';
import type { Balances } from './types';

/**
 * A balance reported from elsewhere (an exchange's AUDIT, the cached exchange.balance) beside
 * our ledger's balance at the same instant. difference = reported − ledger: positive when the
 * other side holds more than our books say.
 */
export interface BalanceComparison {
  currency: string;
  reported: string | null;
  ledger: string;
  difference: string | null;
  matches: boolean;
}

export function compareBalances(
  reported: Record<string, string>,
  ledger: Balances,
): BalanceComparison[] {
  const currencies = sortCurrencies([
    ...Object.keys(reported),
    ...[...ledger].filter(([, v]) => v !== 0n).map(([c]) => c),
  ]);
  return currencies.map((currency) => {
    const ours = ledger.get(currency) ?? 0n;
    const text = reported[currency];
    if (text === undefined) {
      return {
        currency,
        reported: null,
        ledger: fixedToString(ours),
        difference: null,
        matches: false,
      };
    }
    const diff = parseFixedOrZero(text) - ours;
    return {
      currency,
      reported: fixedToString(parseFixedOrZero(text)),
      ledger: fixedToString(ours),
      difference: fixedToString(diff),
      matches: diff === 0n,
    };
  });
}
