import type { MovementView, ReconcileView } from '@/lib/ledger/reconcile';
import { decodeLedgerKey, encodeLedgerKey } from '@/lib/ledger/domain/key';
import type { LedgerKey } from '@/lib/ledger/domain/types';
import { formatMoney } from '@/lib/core/money/money';
import { LedgerAmount } from './amount';
import { ledgerHref, ledgerPath } from './links';
import styles from './ledger.module.css';

/** The largest id a ledger key can hold (key.ts: at most 12 digits). */
const MAX_KEY_ID = 999_999_999_999;

/** A key just before `k` in time order, so that a page `after:` it starts at `k`'s row. */
function keyBefore(k: LedgerKey): LedgerKey {
  if (k.sub > 0) return { ...k, sub: k.sub - 1 };
  if (k.id > 0) return { ...k, id: k.id - 1, sub: 2 };
  if (k.kind === 1) return { time: k.time, kind: 0, id: MAX_KEY_ID, sub: 2 };
  return { time: k.time - 1, kind: 1, id: MAX_KEY_ID, sub: 2 };
}

/**
 * The ledger at the divergence: that currency, oldest first, the hour either side; when the
 * divergence is at one of our rows, the page starting at that row (Previous shows the rows
 * before it) with the row highlighted (`#entry-<key>`, CSS :target).
 */
export function divergenceHref(
  account: string,
  d: NonNullable<ReconcileView['divergence']>,
): string {
  const t = Math.floor(Date.parse(d.time) / 60_000) * 60_000;
  const window = { start: new Date(t - 3_600_000), end: new Date(t + 3_600_000) };
  const key = d.ourRef ? decodeLedgerKey(d.ourRef) : null;
  const href = ledgerHref(
    ledgerPath(account),
    window,
    { currency: d.currency, sort: 'oldest' },
    key ? `after:${encodeLedgerKey(keyBefore(key))}` : null,
  );
  return key ? `${href}#entry-${d.ourRef}` : href;
}

/** The tolerances used, e.g. "USD 0.005 (statement writes 2 decimals)". */
export function ToleranceNote({
  tolerances,
  seconds,
}: {
  tolerances: ReconcileView['amountTolerances'];
  seconds: number;
}) {
  return (
    <p className="muted" data-testid="reconcile-tolerance">
      Times matched within {seconds.toLocaleString('en-US')} s. Amounts matched within, per
      statement line:{' '}
      {tolerances
        .map(
          (t) =>
            `${t.currency} ${t.tolerance}` +
            (t.decimals === null
              ? ' (amountTolerance)'
              : ` (half a unit of the statement's ${t.decimals} decimal${t.decimals === 1 ? '' : 's'})`),
        )
        .join('; ')}
      .
    </p>
  );
}

/**
 * "USD -4,076,736.10", "BTC 0.00010000": the currency's usual decimals, more only when those
 * would show a nonzero difference as zero ("BTC -0.0000000011").
 */
export function formatDifference(value: string, currency: string): string {
  const usual = formatMoney(value, currency);
  if (!/^-?0*\.?0*$/.test(value) && /^[A-Z0-9.]+ -?[0.]+$/.test(usual)) {
    const places = value.split('.')[1]?.length ?? 0;
    return formatMoney(value, currency, { decimals: places });
  }
  return usual;
}

/** "USD -4,076,736.10, BTC 0.00010000" */
export function differencesText(list: Array<{ currency: string; difference: string }>): string {
  return list.map((f) => formatDifference(f.difference, f.currency)).join(', ');
}

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
            <td className={`num ${styles.mismatch}`} title={`${g.difference} ${g.currency}`}>
              {formatDifference(g.difference, g.currency).replace(/^\S+ /, '')}
            </td>
            <td className="muted">
              {/* A line with a fee is two movements of the same line: named once. */}
              {g.ourRefs.length} / {[...new Set(g.theirRefs)].join(', ') || 'none'}
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
  ours = false,
}: {
  rows: MovementView[];
  testId: string;
  refLabel: string;
  /** Our rows: our own id is shown, and the row key links to the row in the ledger. */
  ours?: boolean;
}) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>Time (UTC)</th>
          <th>Cur.</th>
          <th className="num">Amount</th>
          <th>Description</th>
          <th>Exchange id</th>
          {ours && <th>Our id</th>}
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
            <td>{m.externalId ?? '—'}</td>
            {ours && <td>{m.ourId ?? '—'}</td>}
            <td className="muted">{m.ref}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
