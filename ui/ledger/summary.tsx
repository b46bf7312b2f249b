import type { BalanceComparison } from '@/lib/ledger/domain/compare';
import type { SummaryLine } from '@/lib/ledger/domain/totals';
import { formatCount } from '@/ui/shared/format';
import { LedgerAmount } from './amount';
import styles from './ledger.module.css';

/** Per-currency figures for the whole window (never just the page). */
export function LedgerSummary({
  lines,
  fills,
  transfers,
}: {
  lines: SummaryLine[];
  fills: number;
  transfers: number;
}) {
  return (
    <section className="panel" aria-labelledby="ledger-summary-heading">
      <h2 id="ledger-summary-heading">Window summary</h2>
      {lines.length === 0 ? (
        <p className="muted">No balance and no movement in this window.</p>
      ) : (
        <table className="data" data-testid="ledger-summary">
          <thead>
            <tr>
              <th>Currency</th>
              <th className="num">Opening</th>
              <th className="num">Credits</th>
              <th className="num">Debits</th>
              <th className="num">Fees</th>
              <th className="num">Drift</th>
              <th className="num">Closing</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.currency} data-currency={l.currency}>
                <td>{l.currency}</td>
                <td className="num">
                  <LedgerAmount value={l.opening} currency={l.currency} />
                </td>
                <td className="num">
                  <LedgerAmount value={l.credits} currency={l.currency} className={styles.credit} />
                </td>
                <td className="num">
                  <LedgerAmount value={l.debits} currency={l.currency} className={styles.debit} />
                </td>
                <td className="num">
                  <LedgerAmount value={l.fees} currency={l.currency} className={styles.debit} />
                </td>
                <td className="num">
                  <LedgerAmount value={l.drift} currency={l.currency} />
                </td>
                <td className="num">
                  <strong>
                    <LedgerAmount value={l.closing} currency={l.currency} />
                  </strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className={styles.note}>
        {formatCount(fills)} fills and {formatCount(transfers)} completed transfers in the window.
        Closing = opening + credits − debits − fees + drift. Drift is the net of balance-audit
        corrections.
      </p>
    </section>
  );
}

/** A reported balance beside ours at the same instant; differences highlighted. */
export function BalanceCheck({
  title,
  note,
  lines,
  malformed,
  testId,
}: {
  title: string;
  note: string;
  lines: BalanceComparison[];
  malformed: boolean;
  testId: string;
}) {
  return (
    <div data-testid={testId} className={styles.check}>
      <h2>{title}</h2>
      <p className={styles.note}>{note}</p>
      {lines.length === 0 ? (
        <p className="muted">Nothing reported and nothing held.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Currency</th>
              <th className="num">Reported</th>
              <th className="num">Our ledger</th>
              <th className="num">Difference</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.currency} data-currency={l.currency}>
                <td>{l.currency}</td>
                <td className="num">
                  <LedgerAmount value={l.reported} currency={l.currency} />
                </td>
                <td className="num">
                  <LedgerAmount value={l.ledger} currency={l.currency} />
                </td>
                <td
                  className={`num ${l.matches ? styles.match : styles.mismatch}`}
                  data-testid="difference"
                >
                  {l.matches ? (
                    '✓ 0'
                  ) : l.difference === null ? (
                    'not reported'
                  ) : (
                    <LedgerAmount value={l.difference} currency={l.currency} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {malformed && (
        <p className={styles.note}>Some reported entries could not be read and are not shown.</p>
      )}
    </div>
  );
}
