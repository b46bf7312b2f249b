import { displayDecimals } from '@/lib/core/money/money';
import { formatDecimal } from '@/ui/shared/format';

/**
 * An exact decimal shown to the currency's usual places, fixed so that a column's decimals line
 * up (ui/shared/format.ts); the tooltip holds every digit.
 */
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
      {formatDecimal(value, displayDecimals(currency), displayDecimals(currency))}
    </span>
  );
}
