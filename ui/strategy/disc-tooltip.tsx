import {
  formatCount,
  formatMoneyShown,
  formatPrice,
  formatQuantity,
  formatTime,
  formatTimeRange,
} from '@/ui/shared/format';
import { useDisplayZone } from '@/ui/shared/display-zone';
import type { DiscRow } from './rows';

/** A drawn amount (a JS number) as the page's figures show it (ui/shared/format.ts). */
export function formatDrawnAmount(value: number, currency: string): string {
  return formatMoneyShown(value, currency);
}

/** "2024-05-01 01:00:00 UTC", or in the display zone `tz` (ui/shared/format.ts formatTime). */
export function formatUtc(ms: number, tz?: string): string {
  return formatTime(ms, { tz });
}

/** The tooltip's lines for one half-disc; null lines are left out. */
export function describeDisc(
  disc: DiscRow,
  currencies: { priceCurrency: string; volumeCurrency: string },
  tz?: string,
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
      `${formatQuantity(disc.volume, vc)} @ ${formatPrice(disc.unitPrice, pc)}` +
      (merged ? ' (volume-weighted)' : ''),
    fee: `Fee: ${formatDrawnAmount(disc.fee, pc)}`,
    order: disc.orderId === null ? null : `Order ID: ${disc.orderId}`,
    time:
      disc.firstT !== null && disc.lastT !== null
        ? formatTimeRange(disc.firstT, disc.lastT, { tz })
        : formatTime(disc.t, { tz }),
    merged: merged ? `${formatCount(disc.count)} fills merged` : null,
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
  const tz = useDisplayZone();
  const disc = active ? payload?.[0]?.payload : undefined;
  if (!disc) return null;
  const lines = describeDisc(disc, { priceCurrency, volumeCurrency }, tz);
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
