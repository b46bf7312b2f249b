import { formatCount, formatMoney, formatTime, zoneHeading } from '@/ui/shared/format';
import type { FundReport } from '@/lib/fund/domain/report-types';

const usd = (v: string, sign = false) => formatMoney(v, 'USD', { sign });
/** The columns' headings name the display zone (UTC unless the page passes `tz`). */
const when = (iso: string, tz?: string) => formatTime(iso, { zone: false, tz });
const LIMIT = 200;

/** Operating costs (transactions into BURN) with their descriptions, and the capital flows. */
export function FundCostTables({ data, tz }: { data: FundReport; tz?: string }) {
  const costs = data.operatingCosts;
  const flows = data.capitalFlows;
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="fund-costs-heading">
        <h2 id="fund-costs-heading">Operating costs</h2>
        {costs.length === 0 ? (
          <p className="muted">No payment into BURN in this window.</p>
        ) : (
          <table className="data" data-testid="fund-costs">
            <thead>
              <tr>
                <th>Date ({zoneHeading(tz)})</th>
                <th>Description</th>
                <th className="num">Amount</th>
                <th className="num">USD</th>
              </tr>
            </thead>
            <tbody>
              {costs.slice(0, LIMIT).map((c) => (
                <tr key={c.transactionId}>
                  <td>{when(c.time, tz)}</td>
                  <td>
                    {c.kind === 'refund' && <span className="badge">refund</span>}{' '}
                    {c.description ?? <span className="muted">no description</span>}
                  </td>
                  <td className="num">{formatMoney(c.amount, c.currency)}</td>
                  <td className="num">{usd(c.usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {costs.length > LIMIT && <p className="muted">{costs.length - LIMIT} more in the JSON.</p>}
      </section>
      <section className="panel" aria-labelledby="fund-flows-heading">
        <h2 id="fund-flows-heading">Capital flows</h2>
        <p className="muted" style={{ margin: '0 0 8px' }}>
          Deposits and withdrawals that are not transfers between our own accounts ·{' '}
          {formatCount(data.transferFees.count)} transaction fees {usd(data.transferFees.usd, true)}{' '}
          · {formatCount(data.drift.count)} drift corrections {usd(data.drift.usd, true)}
        </p>
        {flows.length === 0 ? (
          <p className="muted">None in this window.</p>
        ) : (
          <table className="data" data-testid="fund-flows">
            <thead>
              <tr>
                <th>Date ({zoneHeading(tz)})</th>
                <th>Account</th>
                <th>Notes</th>
                <th className="num">Amount</th>
                <th className="num">USD</th>
              </tr>
            </thead>
            <tbody>
              {flows.slice(0, LIMIT).map((c) => (
                <tr key={c.transactionId}>
                  <td>{when(c.time, tz)}</td>
                  <td>{c.account}</td>
                  <td>{c.description ?? <span className="muted">—</span>}</td>
                  <td className="num">{formatMoney(c.amount, c.currency, { sign: true })}</td>
                  <td className="num">{usd(c.usd, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {flows.length > LIMIT && <p className="muted">{flows.length - LIMIT} more in the JSON.</p>}
        <TransferPairing data={data} tz={tz} />
      </section>
    </div>
  );
}

/** How transfer legs were paired, and the pairings made by nearest time among several candidates. */
function TransferPairing({ data, tz }: { data: FundReport; tz?: string }) {
  const t = data.transfers;
  return (
    <div data-testid="fund-transfer-pairing">
      <p className="muted" style={{ margin: '12px 0 8px' }}>
        Transfers between our own accounts are counted once: {formatCount(t.pairedById)} paired by a
        shared id, {formatCount(t.pairedByDetails)} by Gryphon&rsquo;s record_fiat_withdrawal shape
        (same details, same seconds, amounts equal up to a fee or the details&rsquo; exchange rate).
      </p>
      {t.ambiguous.length > 0 && (
        <>
          <p style={{ margin: '0 0 8px' }}>
            <strong>{t.ambiguous.length} pairings had several candidates</strong> and were made by
            nearest creation time, then ids: check them.
          </p>
          <table className="data" data-testid="fund-ambiguous-transfers">
            <thead>
              <tr>
                <th>Created ({zoneHeading(tz)})</th>
                <th>Withdrawal</th>
                <th>Deposit</th>
                <th className="num">Amount</th>
                <th>Also fitted</th>
              </tr>
            </thead>
            <tbody>
              {t.ambiguous.map((a) => (
                <tr key={a.withdrawalId}>
                  <td>{when(a.time, tz)}</td>
                  <td>
                    #{a.withdrawalId} {a.from}
                  </td>
                  <td>
                    #{a.depositId} {a.to}
                  </td>
                  <td className="num">{formatMoney(a.amount, a.currency)}</td>
                  <td>{a.alternatives.map((id) => `#${id}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
