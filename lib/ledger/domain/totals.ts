import { fixedToString, parseFixedOrZero, type Fixed } from '../../core/money/fixed';
import { sortCurrencies } from './balances';
import type { Balances } from './types';

/**
 * Sums of ledger movements per currency over a span of time, built from SQL aggregates (live
 * GROUP BYs and the per-day checkpoints). All amounts positive except drift, which is signed
 * (+ when a correction credited the account).
 */
export interface CurrencyTotals {
  credits: Fixed;
  debits: Fixed;
  fees: Fixed;
  drift: Fixed;
}

export interface LedgerTotals {
  byCurrency: Map<string, CurrencyTotals>;
  fills: number;
  transfers: number;
}

/** One GROUP BY row over trades: side x currencies, sums as decimal strings. */
export interface TradeSums {
  side: 'BID' | 'ASK';
  priceCurrency: string;
  volumeCurrency: string;
  feeCurrency: string;
  price: string | null;
  volume: string | null;
  fee: string | null;
  count: number;
}

/** One GROUP BY row over COMPLETED transactions. */
export interface TransactionSums {
  type: 'DEPOSIT' | 'WITHDRAWL';
  drift: boolean;
  amountCurrency: string;
  feeCurrency: string;
  amount: string | null;
  fee: string | null;
  count: number;
}

export function emptyTotals(): LedgerTotals {
  return { byCurrency: new Map(), fills: 0, transfers: 0 };
}

function slot(t: LedgerTotals, currency: string): CurrencyTotals {
  const key = currency.trim().toUpperCase() || '?';
  let s = t.byCurrency.get(key);
  if (!s) t.byCurrency.set(key, (s = { credits: 0n, debits: 0n, fees: 0n, drift: 0n }));
  return s;
}

export function addTradeSums(t: LedgerTotals, rows: readonly TradeSums[]): LedgerTotals {
  for (const r of rows) {
    const volume = parseFixedOrZero(r.volume);
    const price = parseFixedOrZero(r.price);
    if (r.side === 'BID') {
      slot(t, r.volumeCurrency).credits += volume;
      slot(t, r.priceCurrency).debits += price;
    } else {
      slot(t, r.priceCurrency).credits += price;
      slot(t, r.volumeCurrency).debits += volume;
    }
    const fee = parseFixedOrZero(r.fee);
    if (fee !== 0n) slot(t, r.feeCurrency || r.priceCurrency).fees += fee;
    t.fills += r.count;
  }
  return t;
}

export function addTransactionSums(
  t: LedgerTotals,
  rows: readonly TransactionSums[],
): LedgerTotals {
  for (const r of rows) {
    const amount = parseFixedOrZero(r.amount);
    const s = slot(t, r.amountCurrency);
    const deposit = r.type === 'DEPOSIT';
    if (r.drift) s.drift += deposit ? amount : -amount;
    else if (deposit) s.credits += amount;
    else s.debits += amount;
    const fee = parseFixedOrZero(r.fee);
    if (fee !== 0n) slot(t, r.feeCurrency || r.amountCurrency).fees += fee;
    t.transfers += r.count;
  }
  return t;
}

export function mergeTotals(...parts: LedgerTotals[]): LedgerTotals {
  const out = emptyTotals();
  for (const p of parts) {
    for (const [c, v] of p.byCurrency) {
      const s = slot(out, c);
      s.credits += v.credits;
      s.debits += v.debits;
      s.fees += v.fees;
      s.drift += v.drift;
    }
    out.fills += p.fills;
    out.transfers += p.transfers;
  }
  return out;
}

/** What the span did to each balance: credits − debits − fees + drift. */
export function netOf(t: LedgerTotals): Balances {
  const out: Balances = new Map();
  for (const [c, v] of t.byCurrency) out.set(c, v.credits - v.debits - v.fees + v.drift);
  return out;
}

export interface SummaryLine {
  currency: string;
  opening: string;
  credits: string;
  debits: string;
  fees: string;
  drift: string;
  closing: string;
}

/** The window's summary: one line per currency held at the start or moved in the window. */
export function summarize(opening: Balances, window: LedgerTotals): SummaryLine[] {
  const currencies = sortCurrencies([
    ...[...opening].filter(([, v]) => v !== 0n).map(([c]) => c),
    ...window.byCurrency.keys(),
  ]);
  const net = netOf(window);
  return currencies.map((currency) => {
    const w = window.byCurrency.get(currency) ?? { credits: 0n, debits: 0n, fees: 0n, drift: 0n };
    const open = opening.get(currency) ?? 0n;
    return {
      currency,
      opening: fixedToString(open),
      credits: fixedToString(w.credits),
      debits: fixedToString(w.debits),
      fees: fixedToString(w.fees),
      drift: fixedToString(w.drift),
      closing: fixedToString(open + (net.get(currency) ?? 0n)),
    };
  });
}
