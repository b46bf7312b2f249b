import 'server-only';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { failureOf, type NotFound, type RequestResult } from '../core/request-result';
import type { TimeWindow } from '../core/time/time-window';
import { parseReportWindow } from '../report/domain/window';
import { loadFundPerformance, type FundPerformance } from './report';

export type FundPerformanceResult = Exclude<
  RequestResult<{ data: FundPerformance; window: TimeWindow }>,
  NotFound
>;

type Query = Record<string, string | string[] | undefined>;

/** One fund report request, shared by /fund/report and /api/fund/report (as handleFundRequest). */
export async function handleFundReportRequest(
  query: Query,
  now: Date,
): Promise<FundPerformanceResult> {
  try {
    const window = parseReportWindow({ start: query.start, end: query.end, tz: query.tz }, now);
    const trading = getTradingDb().pool;
    const dashboards = getDashboardsDb().pool;
    const data = await loadFundPerformance(window, now, { trading, dashboards }).catch((err) =>
      rethrowFromPools(err, [trading, dashboards]),
    );
    return { kind: 'ok', window, data };
  } catch (err) {
    return failureOf(err);
  }
}
