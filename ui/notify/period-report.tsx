import type { PeriodReport } from '@/lib/notify/domain/report';
import { formatMoney, formatTime } from '@/ui/shared/format';

const usd = (v: string) => formatMoney(v, 'USD');

/**
 * The period report as a page (/reports/period): the same figures the scheduled report sends.
 * Print-ready: the navigation, the window control and links' decorations go away on paper.
 */
export function PeriodReportView({ report }: { report: PeriodReport }) {
  const r = report;
  const notes = [...r.fund.notes, ...r.notes];
  return (
    <article className="period-report" data-testid="period-report">
      <style>{`
        @media print {
          nav.nav, .no-print { display: none !important; }
          body { background: #fff; }
          .period-report { font-size: 11pt; }
          .period-report table { page-break-inside: avoid; }
          .period-report a { color: inherit; text-decoration: none; }
        }
        .period-report table.report-figures { width: auto; min-width: 480px; }
        .period-report table.report-figures td:last-child { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; padding-left: 24px; }
      `}</style>
      <section className="panel">
        <h2>Fund (USD)</h2>
        <table className="data report-figures" data-testid="fund-figures">
          <tbody>
            <tr>
              <td>Net assets at the start</td>
              <td data-figure="netAssetsStart">{usd(r.fund.netAssetsStart)}</td>
            </tr>
            <tr>
              <td>Net assets at the end</td>
              <td data-figure="netAssetsEnd">{usd(r.fund.netAssetsEnd)}</td>
            </tr>
            <tr>
              <td>Capital flows (deposits and withdrawals by the owners)</td>
              <td data-figure="flows">{usd(r.fund.flows)}</td>
            </tr>
            <tr>
              <td>
                <strong>P&amp;L</strong> (change in net assets less the flows)
              </td>
              <td data-figure="gain">
                <strong>{usd(r.fund.gain)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>P&amp;L per strategy</h2>
        {r.strategies.length === 0 ? (
          <p className="muted">No strategy has traded.</p>
        ) : (
          <table className="data report-figures" data-testid="strategy-pnl">
            <thead>
              <tr>
                <th>Strategy</th>
                <th style={{ textAlign: 'right' }}>P&amp;L</th>
              </tr>
            </thead>
            <tbody>
              {r.strategies.map((s) => (
                <tr key={s.key} data-strategy={s.key}>
                  <td>
                    <a href={`/strategy/${encodeURIComponent(s.key)}/report`}>{s.displayName}</a>
                  </td>
                  <td>
                    {s.available ? (
                      formatMoney(s.pnl, s.currency)
                    ) : (
                      <span className="muted">cannot be valued in {s.currency}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>Alerts fired ({r.alerts.length})</h2>
        {r.alerts.length === 0 ? (
          <p className="muted">No alert fired in this period.</p>
        ) : (
          <table className="data" data-testid="alerts-fired">
            <thead>
              <tr>
                <th>Time</th>
                <th>Rule</th>
                <th>Subject</th>
                <th>Severity</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {r.alerts.map((a) => (
                <tr key={a.eventId}>
                  <td>{formatTime(a.time)}</td>
                  <td>{a.rule}</td>
                  <td>{a.subject}</td>
                  <td>{a.severity}</td>
                  <td>{a.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {notes.length > 0 && (
        <ul className="notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
