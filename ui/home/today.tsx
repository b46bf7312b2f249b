import Link from 'next/link';
import { D } from '@/lib/core/money/money';
import {
  formatCount,
  formatDate,
  formatDuration,
  formatMoney,
  formatTime,
} from '@/ui/shared/format';
import { UTC } from '@/lib/core/time/zone';
import { handleFundRequest } from '@/lib/fund/request';
import { ErrorPanel } from '@/ui/shared/error-panel';

const usd = (v: string, sign = false) => formatMoney(v, 'USD', { sign });
const tone = (v: string) => (D(v).isZero() ? '' : D(v).isNegative() ? 'neg' : 'pos');

/**
 * The home page's lead: today's fund figures (the display zone's calendar day so far: in New York
 * from midnight EST or EDT, 23 hours on the spring-forward day) and each strategy's P&L today, from
 * the same computation as /fund (lib/fund: its default window is that day). Streams in after the
 * rest of the page.
 */
export async function TodayPanel({
  now,
  zone = UTC,
  zoneInUrl = false,
}: {
  now: Date;
  /** The display zone (lib/preferences displayCalendar). */
  zone?: string;
  /** The zone came from the page's `tz=`: the link to /fund keeps it. */
  zoneInUrl?: boolean;
}) {
  const result = await handleFundRequest({ tz: zone }, now);
  if (result.kind !== 'ok') {
    const message =
      result.kind === 'bad-request' ? result.error.message : (result.message ?? 'unavailable');
    return <ErrorPanel title="Today's figures could not be computed" message={message} />;
  }
  const { data, window } = result;
  const f = data.figures;
  const rows = data.strategies
    .map((s) => ({
      ...s,
      // realized revenue − fees + change in the open position's unrealized P&L, USD
      pnl: D(s.revenue).minus(s.fees).plus(s.unrealizedEnd).minus(s.unrealizedStart).toFixed(),
    }))
    .filter((s) => s.fills > 0 || !D(s.pnl).isZero());
  const day = formatDate(window.start, { tz: zone });
  const fund = zoneInUrl ? `/fund?${new URLSearchParams({ tz: zone })}` : '/fund';
  return (
    <section
      className="panel"
      aria-labelledby="today-heading"
      data-testid="today"
      data-zone={zone}
      data-start={window.start.toISOString()}
      data-end={window.end.toISOString()}
    >
      <h2 id="today-heading">
        Today, {day} ({zone}, so far) · <Link href={fund}>fund</Link>
      </h2>
      {zone !== UTC && (
        <p className="muted" data-testid="today-span">
          Since {formatTime(window.start, { tz: zone })}
          {window.end.getTime() - window.start.getTime() !== 86_400_000 &&
            ` (a day of ${formatDuration(window.end.getTime() - window.start.getTime())}: the clocks change)`}
          .
        </p>
      )}
      <div className="figures five">
        <div className="figure" data-testid="today-profit">
          <div className="label">Profit today</div>
          <div className={`value ${tone(f.profit)}`}>{usd(f.profit, true)}</div>
          <div className="sub">revenue − fees and operating costs</div>
        </div>
        <div className="figure" data-testid="today-result">
          <div className="label">With open positions</div>
          <div className={`value ${tone(f.result)}`}>{usd(f.result, true)}</div>
          <div className="sub">before capital flows and liabilities</div>
        </div>
        <div className="figure" data-testid="today-net">
          <div className="label">Net assets now</div>
          <div className="value">{usd(f.netAssetsEnd)}</div>
          <div className="sub">change today {usd(f.change, true)}</div>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No strategy has traded today.</p>
      ) : (
        <table className="data" data-testid="today-strategies">
          <thead>
            <tr>
              <th>Strategy</th>
              <th className="num">Fills</th>
              <th className="num">Realized revenue</th>
              <th className="num">Fees</th>
              <th className="num">P&amp;L incl. open position</th>
              <th className="num">Position now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={`${s.actor} ${s.volumeCurrency}`}>
                <td>
                  {s.href ? <Link href={s.href}>{s.displayName}</Link> : s.displayName}{' '}
                  <span className="badge">{s.volumeCurrency}</span>
                </td>
                <td className="num">{formatCount(s.fills)}</td>
                <td className="num">{usd(s.revenue, true)}</td>
                <td className="num">{usd(s.fees)}</td>
                <td className={`num ${tone(s.pnl)}`}>{usd(s.pnl, true)}</td>
                <td className="num">{formatMoney(s.positionEnd, s.volumeCurrency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.warnings.length > 0 && (
        <p className="muted">
          {formatCount(data.warnings.length)} warning{data.warnings.length > 1 ? 's' : ''} about
          rates or books: see <Link href={fund}>the fund page</Link>.
        </p>
      )}
    </section>
  );
}
