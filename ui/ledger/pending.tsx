import type { PendingTransfer } from '@/lib/ledger/queries/pending';
import { formatTime, zoneHeading } from '@/ui/shared/format';
import { LedgerAmount } from './amount';

/** Transfers in transit at the window's end: shown, never counted in the balances above. */
export function LedgerPending({
  transfers,
  tz,
}: {
  transfers: PendingTransfer[];
  /** The display zone: times in its wall clock, the heading names it. */
  tz?: string;
}) {
  const when = (d: Date) => formatTime(d, { zone: false, tz });
  return (
    <section className="panel" aria-labelledby="pending-heading">
      <h2 id="pending-heading">In transit at the end of the window (not counted)</h2>
      {transfers.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data" data-testid="ledger-pending">
          <thead>
            <tr>
              <th>Transaction</th>
              <th>Type</th>
              <th>Created ({zoneHeading(tz)})</th>
              <th>Status now</th>
              <th className="num">Amount</th>
              <th className="num">Fee</th>
              <th>Notes</th>
            </tr>
          </thead>
          <tbody>
            {transfers.map((t) => (
              <tr key={t.transactionId}>
                <td className="num">#{t.transactionId}</td>
                <td>{t.transfer ?? (t.type === 'DEPOSIT' ? 'Deposit' : 'Withdrawal')}</td>
                <td className="num">{when(t.created)}</td>
                <td>{t.completed ? `completed ${when(t.completed)}` : t.status}</td>
                <td className="num">
                  <LedgerAmount value={t.amount} currency={t.currency} /> {t.currency}
                </td>
                <td className="num">
                  {t.fee && Number(t.fee) !== 0 ? (
                    <LedgerAmount value={t.fee} currency={t.feeCurrency ?? t.currency} />
                  ) : (
                    ''
                  )}
                </td>
                <td>{t.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
