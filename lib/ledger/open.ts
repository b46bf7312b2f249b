import 'server-only';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { getTradingDb } from '../db/trading/client';
import { findLedgerAccount, listLedgerAccountNames } from './queries/account';
import {
  readCheckpointMark,
  refreshLedgerCheckpoints,
  type CheckpointProgress,
} from './checkpoints';
import type { LedgerSource } from './source';

const throttle = globalThis as unknown as {
  __ledgerCheckpointAt?: number;
  __ledgerCheckpointProgress?: number;
};

/** Time one page load may spend bringing the checkpoints up to date (first build of a huge history: a few page loads). */
const REFRESH_BUDGET_MS = 1500;

/**
 * The account's ledger source (null: no such account), after a throttled, time-boxed
 * checkpoint refresh. Connection failures become DatabaseUnreachableError naming the database.
 */
export async function openLedger(
  name: string,
  now: Date,
): Promise<{ source: LedgerSource; checkpoints: CheckpointProgress } | null> {
  const trading = getTradingDb().pool;
  const dashboards = getDashboardsDb().pool;
  try {
    const account = await findLedgerAccount(trading, name);
    if (!account) return null;
    const checkpoints = await refreshThrottled(trading, dashboards, now);
    return {
      source: { trading, dashboards, account, checkpointMark: checkpoints.mark },
      checkpoints,
    };
  } catch (err) {
    return rethrowFromPools(err, [trading, dashboards]);
  }
}

async function refreshThrottled(
  ...[trading, dashboards, now]: [LedgerSource['trading'], LedgerSource['dashboards'], Date]
): Promise<CheckpointProgress> {
  const last = throttle.__ledgerCheckpointAt ?? 0;
  if (Date.now() - last > 10_000 || (throttle.__ledgerCheckpointProgress ?? 0) < 1) {
    throttle.__ledgerCheckpointAt = Date.now();
    const p = await refreshLedgerCheckpoints(trading, dashboards, {
      budgetMs: REFRESH_BUDGET_MS,
      now,
    });
    throttle.__ledgerCheckpointProgress = p.progress;
    return p;
  }
  return {
    mark: await readCheckpointMark(dashboards),
    progress: throttle.__ledgerCheckpointProgress ?? 1,
  };
}

/** Account names for the not-found page. */
export async function ledgerAccountNames(): Promise<string[]> {
  const trading = getTradingDb().pool;
  try {
    return await listLedgerAccountNames(trading);
  } catch (err) {
    return rethrowFromPools(err, [trading]);
  }
}
