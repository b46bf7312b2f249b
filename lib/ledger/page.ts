import 'server-only';
import { ceilUnixSeconds, encodeLedgerKey } from './domain/key';
import { BalanceBook } from './domain/balances';
import { compareBalances, type BalanceComparison } from './domain/compare';
import { netOf, summarize, type SummaryLine } from './domain/totals';
import type { LedgerQuery } from './domain/query';
import type { Balances } from './domain/types';
import type { TimeWindow } from '../core/time/window-shift';
import { findLatestAudit } from './queries/audit';
import { listPendingTransfers, type PendingTransfer } from './queries/pending';
import { readTransactionSnapshot } from './queries/transactions';
import { rollupProgressNote, type RollupStatus } from '../rollup/read';
import { rowBalances, type BalanceOptions, type GapNets } from './page-balances';
import { loadPageRows } from './page-rows';
import type { LedgerSource } from './source';
import { countBefore, countRows, type RowCount } from './count';
import { balancesAtInstants, totalsAndFills, totalsBetween } from './totals';
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
  /**
   * Where the page stands among the view's rows (window and filters), 1-based in display
   * order: rows `from`..`to` of `total` (`exact` false: at least `total`, see count.ts),
   * page `page` of `pages`. `offsetExact` false: the rows before the page were too many to
   * count exactly (from, to and page are then lower bounds). Null: not counted (an account
   * with very many transactions).
   */
  position: {
    from: number;
    to: number;
    total: number;
    exact: boolean;
    page: number;
    pages: number;
    offsetExact: boolean;
  } | null;
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
  const windowSums = totalsAndFills(src, span.from, span.to);
  const auditFound = findLatestAudit(src.trading, src.account.name, span.to);
  // With the transactions read once, the balances at the page's instants come from one pass of
  // prefix sums, once the audit and the first row are known; else each reads the history.
  const instants = src.transactions
    ? Promise.all([auditFound, rows]).then(([a, p]) => {
        const chrono = chronoOf(p);
        const first = chrono[0];
        return balancesAtInstants(src, [
          span.from,
          nowSec + 1,
          ...(a ? [a.time] : []),
          ...(first ? [first.key.time] : []),
          // A type filter's gaps between shown seconds s and t are [s + 1, t): their sums
          // come from the same pass (page-balances.ts) instead of one of their own.
          ...(q.types ? chrono.flatMap((r) => [r.key.time, r.key.time + 1]) : []),
        ]);
      })
    : null;
  instants?.catch(() => undefined);
  const balanceAt = (t: number): Promise<Balances> =>
    instants ? instants.then((m) => m.get(t) as Balances) : totalsBetween(src, null, t).then(netOf);
  const display = q.sort === 'oldest' ? 'asc' : 'desc';
  const noCount = Promise.resolve<RowCount | null>(null);
  const [opening, inWindow, page, after, ledgerNow, [audit, auditLedger], pending, total, before] =
    await Promise.all([
      balanceAt(span.from),
      windowSums.then((w) => w.totals),
      rows,
      rows.then((p) => {
        const chrono = chronoOf(p);
        return rowBalances(
          src,
          q,
          chrono,
          balanceOptions,
          instants && chrono[0] ? balanceAt(chrono[0].key.time) : undefined,
          instants ? gapNetsFrom(instants) : undefined,
        );
      }),
      balanceAt(nowSec + 1),
      auditFound.then(async (a) => [a, a ? await balanceAt(a.time) : null] as const),
      listPendingTransfers(src.trading, src.account, span.to, src.transactions),
      src.transactions
        ? windowSums.then((w) => countRows(src, q, span.from, span.to, w.fills))
        : noCount,
      src.transactions
        ? rows.then((p) =>
            p.hasPrev && p.rows.length > 0
              ? countBefore(src, q, span, p.rows[0], display)
              : { count: 0, exact: true },
          )
        : noCount,
    ]);
  const summary = summarize(opening, inWindow);
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
      balances: compareBalances(src.account.cachedBalance, ledgerNow),
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
    position: positionOf(total, before, page.rows.length, q.pageSize),
    rollupNote: rollupProgressNote(rollup),
  };
}

function positionOf(
  total: RowCount | null,
  before: RowCount | null,
  shown: number,
  pageSize: number,
): LedgerPageData['position'] {
  if (!total || !before) return null;
  return {
    from: shown > 0 ? before.count + 1 : before.count,
    to: before.count + shown,
    total: Math.max(total.count, before.count + shown),
    exact: total.exact,
    page: Math.floor(before.count / pageSize) + 1,
    pages: Math.max(1, Math.ceil(total.count / pageSize)),
    offsetExact: before.exact,
  };
}

/** Each gap's net movement as the difference of the balances at its ends (both among the instants). */
function gapNetsFrom(instants: Promise<Map<number, Balances>>): GapNets {
  return async (gaps) => {
    const at = await instants;
    return gaps.map(([a, b]) => {
      const out: Balances = new Map();
      if (a >= b) return out;
      const [from, to] = [at.get(a), at.get(b)];
      if (!from || !to) throw new Error(`no balances at the gap ${a}..${b}`);
      for (const c of new Set([...from.keys(), ...to.keys()])) {
        const v = (to.get(c) ?? 0n) - (from.get(c) ?? 0n);
        if (v !== 0n) out.set(c, v);
      }
      return out;
    });
  };
}
