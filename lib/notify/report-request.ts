import 'server-only';
import { getDashboardConfig } from '../config';
import { failureOf, type NotFound, type RequestResult } from '../core/request-result';
import type { TimeWindow } from '../core/time/time-window';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { getTradingDb } from '../db/trading/client';
import { parsePeriodWindow } from './domain/period';
import type { PeriodReport } from './domain/report';
import { buildPeriodReport } from './report-build';

export type PeriodReportResult = Exclude<
  RequestResult<{ data: PeriodReport; window: TimeWindow }>,
  NotFound
>;

type Query = Record<string, string | string[] | undefined>;

/** /reports/period: the same report the schedules send, for any window. */
export async function handlePeriodReportRequest(
  query: Query,
  now: Date,
): Promise<PeriodReportResult> {
  try {
    const window = parsePeriodWindow({ start: query.start, end: query.end }, now);
    const trading = getTradingDb().pool;
    const dashboards = getDashboardsDb().pool;
    const data = await buildPeriodReport(window, now, {
      trading,
      dashboards,
      strategies: getDashboardConfig().strategies,
    }).catch((err) => rethrowFromPools(err, [trading, dashboards]));
    return { kind: 'ok', window, data };
  } catch (err) {
    return failureOf(err);
  }
}
