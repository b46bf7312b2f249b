import 'server-only';
import { getDashboardConfig } from '../config';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { failureOf, type NotFound, type RequestResult } from '../core/request-result';
import { parseTimeWindow, type TimeWindow } from '../core/time/time-window';
import type { FundReport } from './domain/report-types';
import type { HistoryBounds } from '../core/time/history-edge';
import { fundHistoryBounds } from './history-bounds';
import { loadFundReport } from './load';

/** The fund has nothing to look up by name: no not-found. */
export type FundResult = Exclude<
  // history: the fund's first and last transaction or fill (a few index lookups)
  RequestResult<{ data: FundReport; window: TimeWindow; history: HistoryBounds | null }>,
  NotFound
>;

type Query = Record<string, string | string[] | undefined>;

/**
 * One fund request, shared by /fund and /api/fund: a bad window, an unreachable database and a
 * bad configuration come back as their own kinds, never as exceptions.
 */
export async function handleFundRequest(query: Query, now: Date): Promise<FundResult> {
  try {
    const window = parseTimeWindow({ start: query.start, end: query.end, tz: query.tz }, now);
    const trading = getTradingDb().pool;
    const dashboards = getDashboardsDb().pool;
    const [data, history] = await Promise.all([
      loadFundReport(window, now, {
        trading,
        dashboards,
        strategies: getDashboardConfig().strategies,
      }),
      fundHistoryBounds(trading),
    ]).catch((err) => rethrowFromPools(err, [trading, dashboards]));
    return { kind: 'ok', window, data, history };
  } catch (err) {
    return failureOf(err);
  }
}
