import 'server-only';
import { rethrowFromPools } from '../db/pool';
import { failureOf, type NotFound, type RequestResult } from '../core/request-result';
import { windowToQuery, type TimeWindow } from '../core/time/time-window';
import { accountKind, type AccountKind } from './domain/account-kind';
import { parseLedgerRequestQuery, type LedgerQuery } from './domain/query';
import { ledgerCsv } from './export';
import { ledgerAccountNames, openLedger } from './open';
import { loadLedgerPage, type LedgerPageData } from './page';
import type { HistoryBounds } from '../core/time/history-edge';
import { ledgerHistoryBounds } from './queries/history-bounds';
import type { LedgerSource } from './source';
import type { RollupStatus } from '../rollup/read';

export type Query = Record<string, string | string[] | undefined>;

/** The account (as stored), the window and the rest of the query string, parsed. */
export interface LedgerRequest {
  account: string;
  accountKind: AccountKind;
  window: TimeWindow;
  query: LedgerQuery;
}

/** A bad request names the account. */
export type LedgerResult = RequestResult<
  // history: the account's first and last entry, looked up only when the page has no rows
  { data: LedgerPageData; history: HistoryBounds | null } & LedgerRequest,
  string
>;

export interface LedgerCsv {
  /** Column names, then one array of strings per row, read from the database as pulled. */
  header: string[];
  records: AsyncGenerator<string[]>;
  fileName: string;
}
export type LedgerCsvResult = RequestResult<{ data: LedgerCsv } & LedgerRequest, string>;

/** An unknown account, with the accounts that have a ledger. */
export async function unknownAccount(name: string): Promise<NotFound> {
  return {
    kind: 'not-found',
    message: `No exchange account named ${name}`,
    known: await ledgerAccountNames(),
  };
}

/**
 * The ledger page and /api/ledger/<account>: the account, the window and the query (currency,
 * type, sort, size, cursor), then the page's rows, totals and balance checks.
 */
export async function handleLedgerRequest(
  name: string,
  query: Query,
  now: Date,
): Promise<LedgerResult> {
  let history: HistoryBounds | null = null;
  const result = await ledgerRequest(name, query, now, async (opened, req) => {
    const data = await loadLedgerPage(opened.source, opened.rollup, req.window, req.query, now);
    if (data.rows.length === 0) history = await ledgerHistoryBounds(opened.source);
    return data;
  });
  return result.kind === 'ok' ? { ...result, history } : result;
}

/**
 * /api/ledger/<account>/csv: the same rows as the page, every one of the window; `zone` (the
 * display zone) adds the local-time columns (export.ts).
 */
export function handleLedgerCsvRequest(
  name: string,
  query: Query,
  now: Date,
  zone?: string,
): Promise<LedgerCsvResult> {
  return ledgerRequest(name, query, now, async ({ source }, req) => {
    const w = windowToQuery(req.window);
    const currency = req.query.currency ? `-${req.query.currency}` : '';
    const fileName = `ledger-${req.account}-${w.start}-${w.end}${currency}.csv`.replace(
      /[^\w.-]+/g,
      '_',
    );
    return { ...(await ledgerCsv(source, req.window, req.query, zone)), fileName };
  });
}

/**
 * Parses the query, opens the account, then loads; each failure comes back as its kind. The
 * query is checked before the account is looked up, as the proxy's parameter gate checks it
 * (without a database): a bad parameter is a 400 whatever the account.
 */
async function ledgerRequest<T>(
  name: string,
  query: Query,
  now: Date,
  load: (opened: { source: LedgerSource; rollup: RollupStatus }, req: LedgerRequest) => Promise<T>,
): Promise<RequestResult<{ data: T } & LedgerRequest, string>> {
  let parsed: Omit<LedgerRequest, 'account' | 'accountKind'>;
  try {
    parsed = parseLedgerRequestQuery(query, now);
  } catch (err) {
    return failureOf(err, name);
  }
  let account = name;
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    account = opened.source.account.name;
    const req = {
      ...parsed,
      account,
      accountKind: accountKind(account, opened.source.account.hasOrders),
    };
    const { trading, dashboards } = opened.source;
    const data = await load(opened, req).catch((err) =>
      rethrowFromPools(err, [trading, dashboards]),
    );
    return { kind: 'ok', ...req, data };
  } catch (err) {
    return failureOf(err, account);
  }
}
