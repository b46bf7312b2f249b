import { HORIZONS } from '@/lib/quality/domain/markouts';
import type { QualityView } from '@/lib/quality/load';
import { Bars, MarkoutCurve, SpreadOverTime, Waterfall } from './charts';
import { formatDuration, formatMoney, formatPercent, formatStat } from './format';

const LIFETIME_LABELS = [
  '< 1 s',
  '1–10 s',
  '10 s–1 min',
  '1–5 min',
  '5 min–1 h',
  '1 h–1 d',
  '≥ 1 d',
];

export function MarkoutCurveSection({ data }: { data: QualityView }) {
  const at = (h: string, side: string) =>
    data.markouts.find((r) => r.horizon === h && r.side === side)?.bps.size?.mean ?? null;
  const points = HORIZONS.map((h) => ({
    seconds: h.ms / 1000,
    label: h.label,
    bid: at(h.key, 'BID'),
    ask: at(h.key, 'ASK'),
    all: at(h.key, 'ALL'),
  }));
  return (
    <div className="panel">
      <h2>Markout against horizon</h2>
      <p className="muted">Size-weighted mean, basis points of the fill&apos;s price.</p>
      <MarkoutCurve points={points} />
    </div>
  );
}

export function DecompositionSection({ data }: { data: QualityView }) {
  const d = data.decomposition;
  const pc = data.strategy.priceCurrency;
  if (!d)
    return (
      <div className="panel" data-testid="decomposition">
        <h2>P&amp;L decomposition</h2>
        <p className="muted">No reference price at the window&apos;s start or end.</p>
      </div>
    );
  const n = (s: string) => Number(s);
  const spread = n(d.spreadCapture);
  const revenue = n(d.revenue);
  return (
    <div className="panel" data-testid="decomposition">
      <h2>P&amp;L decomposition</h2>
      <div className="grid-2">
        <table className="data">
          <tbody>
            <tr>
              <td>Spread capture (markout at 0 × volume)</td>
              <td className="num">{formatMoney(d.spreadCapture, pc, { sign: true })}</td>
            </tr>
            <tr>
              <td>+ Inventory P&amp;L (position × reference move)</td>
              <td className="num">{formatMoney(d.inventory, pc, { sign: true })}</td>
            </tr>
            <tr>
              <td>
                <strong>= Revenue</strong> (realized + Δ unrealized, marked at the reference)
              </td>
              <td className="num" data-testid="decomp-revenue">
                <strong>{formatMoney(d.revenue, pc, { sign: true })}</strong>
              </td>
            </tr>
            <tr>
              <td>− Fees</td>
              <td className="num">{formatMoney(d.fees, pc)}</td>
            </tr>
            <tr>
              <td>
                <strong>= Net</strong>
              </td>
              <td className="num">
                <strong>{formatMoney(d.net, pc, { sign: true })}</strong>
              </td>
            </tr>
          </tbody>
        </table>
        <Waterfall
          currency={pc}
          steps={[
            { label: 'spread', from: 0, to: spread },
            { label: 'inventory', from: spread, to: revenue },
            { label: 'revenue', from: 0, to: revenue, total: true },
            { label: 'fees', from: revenue, to: n(d.net) },
            { label: 'net', from: 0, to: n(d.net), total: true },
          ]}
        />
      </div>
    </div>
  );
}

export function QuotingSection({ data }: { data: QualityView }) {
  const q = data.quoting;
  const pc = data.strategy.priceCurrency;
  const rows = LIFETIME_LABELS.map((label, i) => ({
    label,
    filled: q.lifetimeFilled.histogram[i],
    cancelled: q.lifetimeCancelled.histogram[i],
  }));
  return (
    <div className="panel" data-testid="quoting">
      <h2>Quoting</h2>
      <div className="grid-2">
        <table className="data">
          <tbody>
            <tr>
              <td>Orders placed</td>
              <td className="num" data-testid="placed">
                {q.placed}
              </td>
            </tr>
            <tr>
              <td>filled fully / partly</td>
              <td className="num">
                {q.filled} / {q.partly}
              </td>
            </tr>
            <tr>
              <td>cancelled untouched / still open</td>
              <td className="num">
                {q.cancelled} / {q.open}
              </td>
            </tr>
            <tr>
              <td>Fill ratio by count / by volume</td>
              <td className="num">
                {formatPercent(q.fillRatioCount)} /{' '}
                {formatPercent(q.fillRatioVolume === null ? null : Number(q.fillRatioVolume))}
              </td>
            </tr>
            <tr>
              <td>Lifetime of filled orders (p10 / median / p90)</td>
              <td className="num">
                {formatDuration(q.lifetimeFilled.p10)} / {formatDuration(q.lifetimeFilled.p50)} /{' '}
                {formatDuration(q.lifetimeFilled.p90)}
              </td>
            </tr>
            <tr>
              <td>Lifetime of cancelled orders (p10 / median / p90)</td>
              <td className="num">
                {formatDuration(q.lifetimeCancelled.p10)} /{' '}
                {formatDuration(q.lifetimeCancelled.p50)} /{' '}
                {formatDuration(q.lifetimeCancelled.p90)}
              </td>
            </tr>
          </tbody>
        </table>
        <Bars
          testId="lifetimes"
          title="Orders by lifetime: filled or cancelled untouched"
          yLabel="orders"
          rows={rows}
          series={[
            { key: 'filled', name: 'filled (fully or partly)', colour: 'var(--c-up)' },
            { key: 'cancelled', name: 'cancelled untouched', colour: 'var(--c-down)' },
          ]}
        />
      </div>
      <h3>Per exchange: two-sided uptime and our quoted spread</h3>
      <table className="data" data-testid="exchanges">
        <thead>
          <tr>
            <th>Exchange</th>
            <th className="num">Fills</th>
            <th className="num">Two-sided uptime</th>
            <th className="num">Quoted spread, median</th>
            <th className="num">p90</th>
          </tr>
        </thead>
        <tbody>
          {data.exchanges.map((e) => (
            <tr key={e.exchange}>
              <td>{e.exchange || '(none)'}</td>
              <td className="num">{e.fills}</td>
              <td className="num">{formatPercent(e.uptime.uptime)}</td>
              <td className="num">
                {e.uptime.median === null
                  ? '–'
                  : formatMoney(e.uptime.median.toFixed(10), pc, { decimals: 4 })}
              </td>
              <td className="num">
                {e.uptime.p90 === null
                  ? '–'
                  : formatMoney(e.uptime.p90.toFixed(10), pc, { decimals: 4 })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.exchanges.slice(0, 3).map((e) => (
        <div key={e.exchange}>
          <h3>{e.exchange || '(none)'} over time</h3>
          <SpreadOverTime
            title={`Quoted spread and uptime on ${e.exchange || '(none)'}`}
            currency={pc}
            rows={e.uptime.slices.map((s) => ({
              t: s.start,
              median: s.median,
              p90: s.p90,
              uptime: s.uptime,
            }))}
          />
        </div>
      ))}
    </div>
  );
}

export function InventorySection({ data }: { data: QualityView }) {
  const inv = data.inventory;
  const vc = data.strategy.volumeCurrency;
  const range = data.strategy.positionRange;
  return (
    <div className="panel" data-testid="inventory">
      <h2>Inventory</h2>
      <div className="grid-2">
        <table className="data">
          <tbody>
            <tr>
              <td>Mean absolute position (time-weighted)</td>
              <td className="num">
                {inv.meanAbs === null ? '–' : formatMoney(inv.meanAbs.toFixed(10), vc)}
              </td>
            </tr>
            <tr>
              <td>Lowest / highest</td>
              <td className="num">
                {inv.min === null ? '–' : formatMoney(inv.min.toFixed(10), vc)} /{' '}
                {inv.max === null ? '–' : formatMoney(inv.max.toFixed(10), vc)}
              </td>
            </tr>
            <tr>
              <td>Configured range</td>
              <td className="num">
                {range
                  ? `${formatMoney(range.min, vc)} to ${formatMoney(range.max, vc)} · outside ${formatPercent(inv.outsideRange)} of the time`
                  : 'not configured'}
              </td>
            </tr>
            <tr>
              <td>Half-life (AR(1), sampled every {formatDuration(inv.halfLife.stepSeconds)})</td>
              <td className="num" data-testid="half-life">
                {inv.halfLife.seconds === null
                  ? 'no mean reversion seen'
                  : formatDuration(inv.halfLife.seconds)}{' '}
                (φ = {formatStat(inv.halfLife.phi, 4)}, {inv.halfLife.samples} samples)
              </td>
            </tr>
          </tbody>
        </table>
        <Bars
          testId="position-histogram"
          title="Share of time at each position"
          yLabel="share of time"
          rows={inv.histogram.map((b) => ({
            label: formatStat((b.from + b.to) / 2, 4),
            share: b.share,
          }))}
          series={[{ key: 'share', name: 'time', colour: 'var(--c-position)' }]}
        />
      </div>
    </div>
  );
}
