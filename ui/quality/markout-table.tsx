import type { QualityView } from '@/lib/quality/load';
import { SortableTable } from '@/ui/shared/sortable-table';
import { formatMeanCi, formatMoney } from './format';

const SIDE = { ALL: 'both', BID: 'bids', ASK: 'asks' } as const;

/** Every horizon and side: means with 95 % intervals, Σ markout × volume, reference sources. */
export function MarkoutTable({ data }: { data: QualityView }) {
  const { priceCurrency: pc } = data.strategy;
  return (
    <div className="panel">
      <h2>Markouts</h2>
      <p className="muted">
        Per unit in {pc} and in basis points of the fill&apos;s price; positive is good for us.
        Means ± 95 % confidence interval, weighted by size (volume) and by fill.
      </p>
      <SortableTable
        testId="markout-table"
        columns={[
          { label: 'Horizon' },
          { label: 'Side' },
          { label: 'Fills', num: true },
          { label: 'Per unit, size-weighted', num: true },
          { label: 'Per unit, fill-weighted', num: true },
          { label: 'bps, size-weighted', num: true },
          { label: 'bps, fill-weighted', num: true },
          { label: 'Σ markout × volume', num: true },
          { label: 'Lost to adverse selection', num: true },
          { label: 'Reference (FV / mid / last fill)', sortable: false },
        ]}
      >
        {data.markouts.map((r, i) => (
          <tr key={`${r.horizon}-${r.side}`} data-horizon={r.horizon} data-side={r.side}>
            {/* the horizon, muted on the sides' rows (still there when sorted by another column) */}
            <td data-sort={i}>
              {r.side === 'ALL' ? r.label : <span className="muted">{r.label}</span>}
            </td>
            <td>{SIDE[r.side]}</td>
            <td className="num">
              {r.fills}
              {r.side === 'ALL' && r.pending > 0 ? ` (+${r.pending} pending)` : ''}
            </td>
            <td className="num">{formatMeanCi(r.perUnit.size, 4)}</td>
            <td className="num">{formatMeanCi(r.perUnit.fill, 4)}</td>
            <td className="num">{formatMeanCi(r.bps.size, 2)}</td>
            <td className="num">{formatMeanCi(r.bps.fill, 2)}</td>
            <td className="num" data-testid={`money-${r.horizon}-${r.side}`}>
              {formatMoney(r.money, pc, { sign: true })}
            </td>
            <td className="num">{r.horizon === '0s' ? '' : formatMoney(r.adverse, pc)}</td>
            <td>
              {r.sources.fundamental} / {r.sources['quote-mid']} / {r.sources['last-fill']}
            </td>
          </tr>
        ))}
      </SortableTable>
    </div>
  );
}
