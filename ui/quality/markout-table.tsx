import type { QualityView } from '@/lib/quality/load';
import { formatMeanCi, formatMoney } from './format';

const SIDE = { ALL: 'both', BID: 'bids', ASK: 'asks' } as const;

/** Every horizon and side: means with 95 % intervals, Σ markout × volume, reference sources. */
export function MarkoutTable({ data }: { data: QualityView }) {
  const { priceCurrency: pc } = data.strategy;
  return (
    <div className="panel" style={{ overflowX: 'auto' }}>
      <h2>Markouts</h2>
      <p className="muted">
        Per unit in {pc} and in basis points of the fill&apos;s price; positive is good for us.
        Means ± 95 % confidence interval, weighted by size (volume) and by fill.
      </p>
      <table className="data" data-testid="markout-table">
        <thead>
          <tr>
            <th>Horizon</th>
            <th>Side</th>
            <th className="num">Fills</th>
            <th className="num">Per unit, size-weighted</th>
            <th className="num">Per unit, fill-weighted</th>
            <th className="num">bps, size-weighted</th>
            <th className="num">bps, fill-weighted</th>
            <th className="num">Σ markout × volume</th>
            <th className="num">Lost to adverse selection</th>
            <th>Reference (FV / mid / last fill)</th>
          </tr>
        </thead>
        <tbody>
          {data.markouts.map((r) => (
            <tr key={`${r.horizon}-${r.side}`} data-horizon={r.horizon} data-side={r.side}>
              <td>{r.side === 'ALL' ? r.label : ''}</td>
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
        </tbody>
      </table>
    </div>
  );
}
