import 'server-only';
import { getDashboardConfig } from '../config';
import { strategyNotFound } from './not-found';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { failureOf, type RequestResult } from '../core/request-result';
import type { TimeWindow } from '../core/time/time-window';
import { parseReportWindow } from '../report/domain/window';
import { loadStrategyReport, type StrategyReport } from './report';
import { resolveStrategy } from './resolve';

export type StrategyReportResult = RequestResult<
  { data: StrategyReport; window: TimeWindow },
  string
>;

type Query = Record<string, string | string[] | undefined>;

/**
 * One strategy report request, shared by /strategy/<key>/report and its JSON route: as
 * handleStrategyRequest (lib/strategy/request.ts), with the report's own default window.
 */
export async function handleStrategyReportRequest(
  key: string,
  query: Query,
  now: Date,
): Promise<StrategyReportResult> {
  let window: TimeWindow;
  try {
    window = parseReportWindow({ start: query.start, end: query.end, tz: query.tz }, now);
  } catch (err) {
    return failureOf(err, key);
  }
  try {
    const configured = getDashboardConfig().strategies;
    const pools = { trading: getTradingDb().pool, dashboards: getDashboardsDb().pool };
    return await (async (): Promise<StrategyReportResult> => {
      const strategy = await resolveStrategy(key, configured, pools);
      if (!strategy) {
        return strategyNotFound(key, configured, pools);
      }
      const data = await loadStrategyReport(strategy, window, now, pools);
      return { kind: 'ok', window, data };
    })().catch((err) => rethrowFromPools(err, [pools.trading, pools.dashboards]));
  } catch (err) {
    return failureOf(err, key);
  }
}
