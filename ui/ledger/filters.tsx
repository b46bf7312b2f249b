import Link from 'next/link';
import { PAGE_SIZES, type LedgerQuery } from '@/lib/ledger/domain/query';
import { LEDGER_ROW_TYPES } from '@/lib/ledger/domain/types';
import type { AccountKind } from '@/lib/ledger/domain/account-kind';
import { windowToQuery, type TimeWindow } from '@/lib/core/time/time-window';
import { ledgerHref } from './links';
import styles from './ledger.module.css';

/**
 * Filters as a plain GET form (works without JavaScript): the URL is the state, so a filtered
 * view can be bookmarked and the CSV/JSON links carry the same filters.
 */
export function LedgerFilters({
  path,
  window,
  q,
  currencies,
  account,
  kind = 'trading',
  tz,
  pageTz,
}: {
  path: string;
  window: TimeWindow;
  q: LedgerQuery;
  currencies: string[];
  account: string;
  /** Bank accounts and BURN have no trades: no trade filter; BURN is not reconciled. */
  kind?: AccountKind;
  /** The display zone in force: the CSV export gets the page's local-time columns. */
  tz?: string;
  /** The page's own `tz=` (validated), kept by the form and Clear filters; undefined without. */
  pageTz?: string;
}) {
  const types = LEDGER_ROW_TYPES.filter((t) => t !== 'trade' || kind === 'trading');
  const w = windowToQuery(window);
  const options = [...new Set([...currencies, ...(q.currency ? [q.currency] : [])])].sort();
  const api = `/api/ledger/${encodeURIComponent(account.toLowerCase())}`;
  // The fields are uncontrolled (defaultValue): a client-side navigation (Clear filters, a sort
  // header, a window button, the pager) keeps the mounted form and its old values, and the next
  // Apply would silently re-apply them. Keyed on the filters in force, the form is rebuilt with
  // them whenever they change.
  const inForce = JSON.stringify([w, q.currency, q.types, q.sort, q.pageSize]);
  return (
    <section className="panel">
      <form
        key={inForce}
        method="get"
        action={path}
        className={styles.filters}
        data-testid="ledger-filters"
      >
        <input type="hidden" name="start" value={w.start} />
        <input type="hidden" name="end" value={w.end} />
        {pageTz && <input type="hidden" name="tz" value={pageTz} />}
        <label>
          Currency
          <select name="currency" defaultValue={q.currency ?? ''}>
            <option value="">All currencies</option>
            {options.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Types</legend>
          {types.map((t) => (
            <label key={t}>
              <input
                type="checkbox"
                name="type"
                value={t}
                defaultChecked={q.types === null || q.types.includes(t)}
              />{' '}
              {t}
            </label>
          ))}
        </fieldset>
        <label>
          Order
          <select name="sort" defaultValue={q.sort}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <label>
          Rows per page
          <select name="size" defaultValue={String(q.pageSize)}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className={styles.actions}>
          <button type="submit">Apply</button>
          <Link href={ledgerHref(path, window, {}, null, pageTz)} className="btn" prefetch={false}>
            Clear filters
          </Link>
          <a
            href={
              ledgerHref(`${api}/csv`, window, { ...q, pageSize: undefined }) +
              (tz && tz !== 'UTC' ? `&tz=${encodeURIComponent(tz)}` : '')
            }
            className="btn"
            data-testid="csv-link"
            download
          >
            Export CSV
          </a>
          <a href={ledgerHref(api, window, q)} className="btn">
            JSON
          </a>
          {kind !== 'costs' && (
            <Link href={`${path}/reconcile`} className="btn" prefetch={false}>
              {kind === 'bank' ? 'Reconcile with a bank statement' : 'Reconcile with a statement'}
            </Link>
          )}
        </div>
      </form>
    </section>
  );
}
