import { displayDecimals, formatAmount, toDecimalString } from './money';
import { parseFixedOrZero, type Fixed } from './fixed';
import { parseTransactionDetails } from './ledger-details';
import type { LedgerItem, LedgerRow, TradeItem, TransactionItem } from './ledger-types';

/**
 * One item -> its ledger rows, in time order (the order the running balance applies them):
 *   BID fill:  credit volume, debit notional, then the fee (if nonzero) as a debit;
 *   ASK fill:  credit notional, debit volume, fee;
 *   DEPOSIT:   credit amount, then its fee; WITHDRAWL: debit amount, fee.
 * Drift corrections (details {"drift": true}) are ordinary deposits/withdrawals typed "drift"
 * (Gryphon hid them, so its running balance disagreed with its own totals).
 */
export function expandItem(item: LedgerItem): LedgerRow[] {
  return item.kind === 'trade' ? expandTrade(item) : expandTransaction(item);
}

const cur = (c: string | null | undefined, fallback = '?') =>
  c && c.trim() !== '' ? c.trim().toUpperCase() : fallback;

function expandTrade(t: TradeItem): LedgerRow[] {
  const ref = t.exchangeTradeId ? `Trade #${t.exchangeTradeId}` : `Trade (id ${t.id})`;
  const volumeCur = cur(t.volumeCurrency);
  const priceCur = cur(t.priceCurrency);
  const volume = parseFixedOrZero(t.volume);
  const price = parseFixedOrZero(t.price);
  const words = `${toDecimalString(t.volume ?? '0')} ${volumeCur} for ${formatAmount(t.price ?? '0', displayDecimals(priceCur))} ${priceCur}`;
  const base = {
    type: 'trade' as const,
    tradeId: t.id,
    transactionId: null,
    externalId: t.exchangeTradeId,
  };
  const key = (sub: number) => ({ time: t.time, kind: 0 as const, id: t.id, sub });
  const rows: LedgerRow[] =
    t.side === 'BID'
      ? [
          {
            ...base,
            key: key(0),
            currency: volumeCur,
            amount: volume,
            description: `${ref}: Buy ${words}`,
          },
          {
            ...base,
            key: key(1),
            currency: priceCur,
            amount: -price,
            description: `${ref}: Buy ${words}`,
          },
        ]
      : [
          {
            ...base,
            key: key(0),
            currency: priceCur,
            amount: price,
            description: `${ref}: Sell ${words}`,
          },
          {
            ...base,
            key: key(1),
            currency: volumeCur,
            amount: -volume,
            description: `${ref}: Sell ${words}`,
          },
        ];
  const fee = parseFixedOrZero(t.fee);
  if (fee !== 0n) {
    rows.push({
      ...base,
      type: 'fee',
      key: key(2),
      currency: cur(t.feeCurrency, priceCur),
      amount: -fee,
      description: `${ref}: Fee`,
    });
  }
  return rows;
}

function expandTransaction(x: TransactionItem): LedgerRow[] {
  const details = parseTransactionDetails(x.details);
  const deposit = x.type === 'DEPOSIT';
  const what = details.drift
    ? `Drift correction from a balance audit (${deposit ? 'exchange had more' : 'exchange had less'})`
    : deposit
      ? 'Deposit'
      : 'Withdrawal';
  const description = `${what} #${x.id}${details.notes ? `: ${details.notes}` : ''}`;
  const amountCur = cur(x.amountCurrency);
  const amount: Fixed = parseFixedOrZero(x.amount);
  const base = { tradeId: null, transactionId: x.id, externalId: details.externalIds[0] ?? null };
  const key = (sub: number) => ({ time: x.time, kind: 1 as const, id: x.id, sub });
  const rows: LedgerRow[] = [
    {
      ...base,
      key: key(0),
      type: details.drift ? 'drift' : deposit ? 'deposit' : 'withdrawal',
      currency: amountCur,
      amount: deposit ? amount : -amount,
      description,
    },
  ];
  const fee = parseFixedOrZero(x.fee);
  if (fee !== 0n) {
    rows.push({
      ...base,
      key: key(1),
      type: 'fee',
      currency: cur(x.feeCurrency, amountCur),
      amount: -fee,
      description: `${what} #${x.id}: Fee`,
    });
  }
  return rows;
}
