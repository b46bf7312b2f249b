import { displayDecimals, formatMoney } from '@/lib/core/money/money';
import type { DiscRow } from './rows';

/**
 * An amount for a person, as the page's figures show amounts: the currency code, grouping, the
 * currency's usual decimals (8 for BTC and other crypto, 2 otherwise). A non-zero amount that
 * would show as zero (a fee of a few hundredths of a cent) gets decimals for 3 significant digits.
 */
export function formatDrawnAmount(value: number, currency: string): string {
  let decimals = displayDecimals(currency);
  const abs = Math.abs(value);
  if (abs > 0 && abs < 0.5 * 10 ** -decimals)
    decimals = Math.min(20, Math.ceil(-Math.log10(abs)) + 2);
  return formatMoney(value, currency, { decimals });
}

/** UTC ISO 8601 to the second: 2024-05-01T01:00:00Z. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The tooltip's lines for one half-disc; null lines are left out. */
export function describeDisc(
  disc: DiscRow,
  currencies: { priceCurrency: string; volumeCurrency: string },
): {
  side: string;
  exchange: string;
  amount: string;
  fee: string;
  order: string | null;
  time: string;
  merged: string | null;
} {
  const { priceCurrency: pc, volumeCurrency: vc } = currencies;
  const merged = disc.count > 1;
  return {
    side: disc.side === 'BID' ? 'Bid (buy)' : 'Ask (sell)',
    exchange: disc.exchange,
    amount:
      `${formatDrawnAmount(disc.volume, vc)} @ ${formatDrawnAmount(disc.unitPrice, pc)}` +
      (merged ? ' (volume-weighted)' : ''),
    fee: `Fee: ${formatDrawnAmount(disc.fee, pc)}`,
    order: disc.orderId === null ? null : `Order ID: ${disc.orderId}`,
    time:
      disc.firstT !== null && disc.lastT !== null
        ? `${formatUtc(disc.firstT)} … ${formatUtc(disc.lastT)}`
        : formatUtc(disc.t),
    merged: merged ? `${disc.count.toLocaleString('en-US')} fills merged` : null,
  };
}

export function DiscTooltip({
  active,
  payload,
  priceCurrency,
  volumeCurrency,
}: {
  active?: boolean;
  payload?: Array<{ payload?: DiscRow }>;
  priceCurrency: string;
  volumeCurrency: string;
}) {
  const disc = active ? payload?.[0]?.payload : undefined;
  if (!disc) return null;
  const lines = describeDisc(disc, { priceCurrency, volumeCurrency });
  return (
    <div className="chart-tooltip" data-testid="disc-tooltip">
      <div>
        <strong>{lines.side}</strong> · {lines.exchange}
      </div>
      <div>{lines.amount}</div>
      <div>{lines.fee}</div>
      {lines.order !== null && <div>{lines.order}</div>}
      <div>{lines.time}</div>
      {lines.merged !== null && <div className="muted">{lines.merged}</div>}
    </div>
  );
}
