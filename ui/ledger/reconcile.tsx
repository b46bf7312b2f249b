import type { MovementView, ReconcileView } from '@/lib/ledger/reconcile';
import { LedgerAmount } from './amount';
import styles from './ledger.module.css';

const t = (iso: string) => iso.replace('T', ' ').replace('Z', '');

export function ReconcileCounts({ counts }: { counts: ReconcileView['counts'] }) {
  const items: Array<[string, number, boolean]> = [
    ['Our rows', counts.ours, false],
    ['Statement movements', counts.theirs, false],
    ['Matched by id', counts.matchedById, false],
    ['Matched by time and amount', counts.matchedByTime, false],
    ['Amount mismatches', counts.mismatched, counts.mismatched > 0],
    ['Only in our ledger', counts.unmatchedOurs, counts.unmatchedOurs > 0],
    ['Only in the statement', counts.unmatchedTheirs, counts.unmatchedTheirs > 0],
  ];
  return (
    <div className={styles.counts} data-testid="reconcile-counts">
      {items.map(([label, n, bad]) => (
        <div className="figure" key={label}>
          <div className="label">{label}</div>
          <div className={`value${bad ? ' neg' : ''}`}>{n.toLocaleString('en-US')}</div>
        </div>
      ))}
    </div>
  );
}

export function MismatchTable({ rows }: { rows: ReconcileView['mismatched'] }) {
  return (
    <table className="data" data-testid="mismatches">
      <thead>
        <tr>
          <th>External id</th>
          <th>Time (UTC)</th>
          <th>Cur.</th>
          <th className="num">Ours</th>
          <th className="num">Statement</th>
          <th className="num">Difference</th>
          <th>Our rows / statement lines</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={`${g.externalId} ${g.currency}`}>
            <td>{g.externalId}</td>
            <td className="num">{t(g.time)}</td>
            <td>{g.currency}</td>
            <td className="num">
              <LedgerAmount value={g.ours} currency={g.currency} />
            </td>
            <td className="num">
              <LedgerAmount value={g.theirs} currency={g.currency} />
            </td>
            <td className={`num ${styles.mismatch}`}>
              <LedgerAmount value={g.difference} currency={g.currency} />
            </td>
            <td className="muted">
              {g.ourRefs.length} / {g.theirRefs.join(', ') || 'none'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MovementTable({
  rows,
  testId,
  refLabel,
}: {
  rows: MovementView[];
  testId: string;
  refLabel: string;
}) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>Time (UTC)</th>
          <th>Cur.</th>
          <th className="num">Amount</th>
          <th>Description</th>
          <th>{refLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.ref}>
            <td className="num">{t(m.time)}</td>
            <td>{m.currency}</td>
            <td className="num">
              <LedgerAmount value={m.amount} currency={m.currency} />
            </td>
            <td>{m.label}</td>
            <td className="muted">{m.ref}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
