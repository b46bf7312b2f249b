import { displayDecimals } from '../../core/money/money';
import { fixedToString, parseFixedOrZero, type Fixed } from '../../core/money/fixed';
import { parseTransactionDetails } from './details';
import type { LedgerItem, LedgerRow, TradeItem, TransactionItem } from './types';

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

/** Every row built by one function, so all rows share one object shape (the CSV export makes millions). */
function row(
  time: number,
  kind: 0 | 1,
  id: number,
  sub: number,
  type: LedgerRow['type'],
  currency: string,
  amount: Fixed,
  description: string,
  externalId: string | null,
): LedgerRow {
  return {
    key: { time, kind, id, sub },
    type,
    currency,
    amount,
    description,
    tradeId: kind === 0 ? id : null,
    transactionId: kind === 1 ? id : null,
    externalId,
  };
}

function expandTrade(t: TradeItem): LedgerRow[] {
  const ref = t.exchangeTradeId ? `Trade #${t.exchangeTradeId}` : `Trade (id ${t.id})`;
  const volumeCur = cur(t.volumeCurrency);
  const priceCur = cur(t.priceCurrency);
  const volume = parseFixedOrZero(t.volume);
  const price = parseFixedOrZero(t.price);
  // the volume to the currency's decimals, grouped, zeros that say nothing trimmed ("0.3 BTC")
  const shownVolume = groupedFixed(volume, displayDecimals(volumeCur)).replace(/\.?0+$/, '');
  const words = `${shownVolume} ${volumeCur} for ${groupedFixed(price, displayDecimals(priceCur))} ${priceCur}`;
  const ext = t.exchangeTradeId;
  const rows =
    t.side === 'BID'
      ? [
          row(t.time, 0, t.id, 0, 'trade', volumeCur, volume, `${ref}: Buy ${words}`, ext),
          row(t.time, 0, t.id, 1, 'trade', priceCur, -price, `${ref}: Buy ${words}`, ext),
        ]
      : [
          row(t.time, 0, t.id, 0, 'trade', priceCur, price, `${ref}: Sell ${words}`, ext),
          row(t.time, 0, t.id, 1, 'trade', volumeCur, -volume, `${ref}: Sell ${words}`, ext),
        ];
  const fee = parseFixedOrZero(t.fee);
  if (fee !== 0n)
    rows.push(
      row(t.time, 0, t.id, 2, 'fee', cur(t.feeCurrency, priceCur), -fee, `${ref}: Fee`, ext),
    );
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
  // A transfer leg names the other account ("Wire to BMO_USD (#12)", "Operating cost: Office
  // rent (#40)"); anything else keeps "Withdrawal #7: notes".
  const description =
    x.role && !details.drift
      ? `${x.role.label}${details.notes && !sameWords(details.notes, x.role.label) ? `: ${details.notes}` : ''} (#${x.id})`
      : `${what} #${x.id}${details.notes ? `: ${details.notes}` : ''}`;
  const amountCur = cur(x.amountCurrency);
  const amount: Fixed = parseFixedOrZero(x.amount);
  const ext = details.externalIds[0] ?? null;
  const type = details.drift ? 'drift' : deposit ? 'deposit' : 'withdrawal';
  const rows = [
    row(x.time, 1, x.id, 0, type, amountCur, deposit ? amount : -amount, description, ext),
  ];
  const fee = parseFixedOrZero(x.fee);
  if (fee !== 0n)
    rows.push(
      row(
        x.time,
        1,
        x.id,
        1,
        'fee',
        cur(x.feeCurrency, amountCur),
        -fee,
        `${x.role && !details.drift ? `${x.role.label} (#${x.id})` : `${what} #${x.id}`}: Fee`,
        ext,
      ),
    );
  return rows;
}

/** Notes that only repeat the label ("Wire to X" on a wire to X) are not shown twice. */
const sameWords = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** "12,750.00": half-even to `decimals` places, thousands separators (as money.ts formatAmount, on Fixed, for speed). */
export function groupedFixed(value: Fixed, decimals: number): string {
  const text = fixedToString(value, decimals);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${decimals > 0 ? `.${frac.padEnd(decimals, '0')}` : ''}`;
}
