import 'server-only';
import { onlyVisible } from '../auth/scope-filter';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { getTradingDb } from '../db/trading/client';
import { findLedgerAccount, listLedgerAccountNames } from './queries/account';
import { readRollupStatus, type RollupStatus } from '../rollup/read';
import type { LedgerSource } from './source';

/**
 * The account's ledger source (null: no such account) and where the rollup stands. Only reads:
 * the background keeps the rollup up to date. Connection failures become
 * DatabaseUnreachableError naming the database.
 */
export async function openLedger(
  name: string,
): Promise<{ source: LedgerSource; rollup: RollupStatus } | null> {
  const trading = getTradingDb().pool;
  const dashboards = getDashboardsDb().pool;
  try {
    const account = await findLedgerAccount(trading, name);
    if (!account) return null;
    const rollup = await readRollupStatus(trading, dashboards);
    return { source: { trading, dashboards, account, rollupMark: rollup.mark }, rollup };
  } catch (err) {
    return rethrowFromPools(err, [trading, dashboards]);
  }
}

/** Account names for the not-found page and answer: those the user's scope opens. */
export async function ledgerAccountNames(): Promise<string[]> {
  const trading = getTradingDb().pool;
  try {
    return await onlyVisible('account', await listLedgerAccountNames(trading));
  } catch (err) {
    return rethrowFromPools(err, [trading]);
  }
}
