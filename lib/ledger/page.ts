import 'server-only';
import { ceilUnixSeconds, encodeLedgerKey } from './domain/key';
import { BalanceBook } from './domain/balances';
import { compareBalances, type BalanceComparison } from './domain/compare';
import { netOf, summarize, type SummaryLine } from './domain/totals';
import type { LedgerQuery } from './domain/query';
import type { TimeWindow } from '../core/time/window-shift';
import { findLatestAudit } from './queries/audit';
import { listPendingTransfers, type PendingTransfer } from './queries/pending';
import { readTransactionSnapshot } from './queries/transactions';
import { rollupProgressNote, type RollupStatus } from '../rollup/read';
import { rowBalances, type BalanceOptions } from './page-balances';
import { loadPageRows } from './page-rows';
import type { LedgerSource } from './source';
import { totalsBetween } from './totals';
import { toRowView, type LedgerRowView } from './view';

/** Everything the ledger page and /api/ledger/<account> show for one window and query. */
export interface LedgerPageData {
  account: string;
  window: { start: string; end: string };
  /** Balance columns: every currency held at the start or moved in the window (or the filter's). */
  currencies: string[];
  rows: LedgerRowView[];
  nextCursor: string | null;
  prevCursor: string | null;
  summary: SummaryLine[];
  fills: number;
  transfers: number;
  cached: { balances: BalanceComparison[]; malformed: boolean };
  audit: {
    eventId: number;
    time: string;
    balances: BalanceComparison[];
    malformed: boolean;
  } | null;
  pending: PendingTransfer[];
  /** Said while a new installation's rollup catches up (null: nothing to say). */
  rollupNote: string | null;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

export async function loadLedgerPage(
  src: LedgerSource,
  rollup: RollupStatus,
  window: TimeWindow,
  q: LedgerQuery,
  now: Date,
  /** How sparse rows' balances are summed (tests and benchmarks; see page-balances.ts). */
  balanceOptions?: BalanceOptions,
): Promise<LedgerPageData> {
  if (balanceOptions?.readTransactionsOnce !== false && !src.transactions) {
    const transactions = readTransactionSnapshot(src.trading, src.account);
    // Awaited by every reader; a failure surfaces there.
    transactions.catch(() => undefined);
    src = { ...src, transactions };
  }
  const span = { from: ceilUnixSeconds(window.start), to: ceilUnixSeconds(window.end) };
  const nowSec = ceilUnixSeconds(now);
  const rows = loadPageRows(src, span, q);
  const chronoOf = (p: Awaited<typeof rows>) =>
    q.sort === 'oldest' ? p.rows : [...p.rows].reverse();
  // Everything at once: the rows' balances as soon as the rows are known, the audit's
  // ledger as soon as the audit is.
  const [opening, inWindow, page, after, ledgerNow, [audit, auditLedger], pending] =
    await Promise.all([
      totalsBetween(src, null, span.from),
      totalsBetween(src, span.from, span.to),
      rows,
      rows.then((p) => rowBalances(src, q, chronoOf(p), balanceOptions)),
      totalsBetween(src, null, nowSec + 1),
      findLatestAudit(src.trading, src.account.name, span.to).then(
        async (a) => [a, a ? netOf(await totalsBetween(src, null, a.time)) : null] as const,
      ),
      listPendingTransfers(src.trading, src.account, span.to, src.transactions),
    ]);
  const summary = summarize(netOf(opening), inWindow);
  const currencies = q.currency ? [q.currency] : summary.map((s) => s.currency);
  const chrono = chronoOf(page);
  const afterByRow = new Map(
    chrono.map((r, i) => [r, new BalanceBook(after[i]).format(currencies)]),
  );
  const first = page.rows[0];
  const last = page.rows[page.rows.length - 1];
  return {
    account: src.account.name,
    window: { start: iso(span.from), end: iso(span.to) },
    currencies,
    rows: page.rows.map((r) => toRowView(r, afterByRow.get(r) ?? null)),
    nextCursor: page.hasNext && last ? `after:${encodeLedgerKey(last.key)}` : null,
    prevCursor: page.hasPrev && first ? `before:${encodeLedgerKey(first.key)}` : null,
    summary,
    fills: inWindow.fills,
    transfers: inWindow.transfers,
    cached: {
      balances: compareBalances(src.account.cachedBalance, netOf(ledgerNow)),
      malformed: src.account.cachedBalanceMalformed,
    },
    audit:
      audit && auditLedger
        ? {
            eventId: audit.eventId,
            time: iso(audit.time),
            balances: compareBalances(audit.balances, auditLedger),
            malformed: audit.malformed,
          }
        : null,
    pending,
    rollupNote: rollupProgressNote(rollup),
  };
}
