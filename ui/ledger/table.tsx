import Link from 'next/link';
import type { LedgerRowView } from '@/lib/ledger/view';
import { LedgerAmount } from './amount';
import { formatTime, zoneHeading } from '@/ui/shared/format';
import styles from './ledger.module.css';

/**
 * The ledger rows with a running balance column per currency (the balance after the row).
 * Time order is the only sort: the running balances mean nothing in any other order.
 */
export function LedgerTable({
  rows,
  currencies,
  sortHref,
  sort,
  costs = false,
  tz,
}: {
  rows: LedgerRowView[];
  currencies: string[];
  sortHref: string;
  sort: 'newest' | 'oldest';
  /** BURN: money paid into it is spent (a cost), money out of it a refund. */
  costs?: boolean;
  /** The display zone (lib/preferences, `tz=`): times in its wall clock; UTC without. */
  tz?: string;
}) {
  const local = tz !== undefined && tz !== 'UTC';
  return (
    <div className={styles.tableWrap}>
      <table className={`data ${styles.ledgerTable}`} data-testid="ledger-rows">
        <thead>
          <tr>
            <th aria-sort={sort === 'newest' ? 'descending' : 'ascending'}>
              <Link
                href={sortHref}
                prefetch={false}
                title="Reverse the time order"
                data-testid="sort-time"
              >
                Time ({local ? zoneHeading(tz) : 'UTC'}) {sort === 'newest' ? '↓' : '↑'}
              </Link>
            </th>
            <th>Type</th>
            <th>Description</th>
            <th>Cur.</th>
            <th className="num">Credit</th>
            <th className="num">Debit</th>
            {currencies.map((c) => (
              <th key={c} className={`num ${styles.balance}`}>
                {c} balance
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6 + currencies.length} className="muted">
                No rows in this window with these filters.
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr
              key={r.key}
              id={`entry-${r.key}`}
              data-key={r.key}
              data-type={r.type}
              className={
                r.type === 'drift' ? styles.drift : r.type === 'fee' ? styles.fee : undefined
              }
            >
              <td className="num">
                {local
                  ? formatTime(r.time, { tz, zone: false })
                  : r.time.replace('T', ' ').replace('Z', '')}
              </td>
              <td>
                {costs && (r.type === 'deposit' || r.type === 'withdrawal') ? (
                  <span
                    className={`${styles.typeBadge} ${styles[r.type === 'deposit' ? 'type-cost' : 'type-refund']}`}
                    title={`a ${r.type} of BURN`}
                  >
                    {r.type === 'deposit' ? 'cost' : 'refund'}
                  </span>
                ) : (
                  <span className={`${styles.typeBadge} ${styles[`type-${r.type}`]}`}>
                    {r.type}
                  </span>
                )}
              </td>
              <td className={styles.description}>{r.description}</td>
              <td>{r.currency}</td>
              <td className="num">
                {r.credit !== null && (
                  <LedgerAmount
                    value={r.credit}
                    currency={r.currency}
                    className={costs ? styles.debit : styles.credit}
                  />
                )}
              </td>
              <td className="num">
                {r.debit !== null && (
                  <LedgerAmount value={r.debit} currency={r.currency} className={styles.debit} />
                )}
              </td>
              {currencies.map((c, i) => (
                <td key={c} className={`num ${styles.balance}`} data-balance={c}>
                  {r.balances ? <LedgerAmount value={r.balances[i]} currency={c} /> : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where the page stands (LedgerPageData['position']); null: not counted. */
export interface PagerPosition {
  from: number;
  to: number;
  total: number;
  exact: boolean;
  page: number;
  pages: number;
  offsetExact: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

/** "Rows 201–300 of 12,345 · page 3 of 124" (bounds say "at least"; see lib/ledger/count.ts). */
export function pagerText(shown: number, position: PagerPosition | null): string {
  if (!position) return `${n(shown)} ${shown === 1 ? 'row' : 'rows'} on this page`;
  const { from, to, total, exact, page, pages, offsetExact } = position;
  if (total === 0) return 'No rows';
  const of = exact ? n(total) : `at least ${n(total)}`;
  if (!offsetExact) return `${n(shown)} ${shown === 1 ? 'row' : 'rows'} on this page, of ${of}`;
  const rows = from === to ? `Row ${n(from)}` : `Rows ${n(from)}–${n(to)}`;
  return `${rows} of ${of} · page ${n(page)} of ${exact ? '' : 'at least '}${n(pages)}`;
}

export function LedgerPager({
  firstHref,
  prevHref,
  nextHref,
  shown,
  position = null,
}: {
  firstHref: string | null;
  prevHref: string | null;
  nextHref: string | null;
  shown: number;
  position?: PagerPosition | null;
}) {
  const link = (href: string | null, label: string, rel: string) =>
    href ? (
      <Link href={href} className="btn" prefetch={false} data-pager={rel}>
        {label}
      </Link>
    ) : (
      <span className={`btn ${styles.disabled}`} aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav className={styles.pager} aria-label="Pages">
      <span className="muted" data-testid="pager-position">
        {pagerText(shown, position)}
      </span>
      <span className={styles.links}>
        {link(firstHref, '« First', 'first')}
        {link(prevHref, '‹ Previous', 'prev')}
        {link(nextHref, 'Next ›', 'next')}
      </span>
    </nav>
  );
}
