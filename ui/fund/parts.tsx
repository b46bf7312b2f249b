import { formatMoney, formatTime } from '@/ui/shared/format';
import type { FundPartKey, FundReport } from '@/lib/fund/domain/report-types';

/** What each part of the identity is, in one line (README, "The fund dashboard", has the details). */
const EXPLAIN: Record<FundPartKey, string> = {
  tradingRevenue:
    'FIFO round trips closed in the window, every strategy, at the orders’ exchange rates',
  tradingFees: 'fees of the window’s fills, at the day’s rate of their currency',
  transferFees: 'fees on deposits, withdrawals and transfers',
  operatingCosts: 'payments into BURN (refunds out of it count back)',
  capitalFlows: 'deposits and withdrawals that are not transfers between our own accounts',
  liabilities: 'liabilities taken on (−) or repaid (+); their cash is in the capital flows',
  drift: 'balance-audit corrections ({"drift": true} transactions)',
  unrealizedPnl: 'change in the open positions’ value over their FIFO cost',
  revaluation:
    'rate moves on what was held (fiat and crypto), day rate vs order rate on fills, and transfers converted into another currency',
  discrepancy: 'what the parts do not explain: 0 on consistent books',
};

const usd = (v: string, sign = true) => formatMoney(v, 'USD', { sign });

/** The accounting identity, written out: start + Σ parts (+ discrepancy) = end. */
export function FundParts({ data, tz }: { data: FundReport; tz?: string }) {
  const f = data.figures;
  return (
    <section className="panel" aria-labelledby="parts-heading">
      <h2 id="parts-heading">Where the change came from</h2>
      <table className="data" data-testid="fund-parts">
        <tbody>
          <tr>
            <td>
              <strong>Net assets at start</strong>
            </td>
            <td className="num">{usd(f.netAssetsStart, false)}</td>
            <td className="muted">{formatTime(data.window.start, { tz })}</td>
          </tr>
          {data.parts.map((p) => (
            <tr
              key={p.key}
              data-part={p.key}
              className={
                p.key === 'discrepancy' && !/^-?0(\.0*)?$/.test(p.usd) ? 'alert error' : undefined
              }
            >
              <td>{p.label}</td>
              <td className="num" title={`${p.usd} USD (exact)`}>
                {usd(p.usd)}
              </td>
              <td className="muted">{EXPLAIN[p.key]}</td>
            </tr>
          ))}
          <tr>
            <td>
              <strong>= Net assets at end</strong>
            </td>
            <td className="num">
              <strong>{usd(f.netAssetsEnd, false)}</strong>
            </td>
            <td className="muted">
              {formatTime(data.window.valuedUntil, { tz })} · change {usd(f.change)}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
