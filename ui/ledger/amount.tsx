import { displayDecimals, formatAmount } from '@/lib/core/money/money';

/** An exact decimal shown to the currency's usual places; the tooltip holds every digit. */
export function LedgerAmount({
  value,
  currency,
  className,
}: {
  value: string | null;
  currency: string;
  className?: string;
}) {
  if (value === null) return <span className="muted">—</span>;
  return (
    <span className={className} title={`${value} ${currency}`}>
      {formatAmount(value, displayDecimals(currency))}
    </span>
  );
}
