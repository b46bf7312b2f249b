import 'server-only';
import { getDashboardConfig } from '../config';
import { getDashboardsDb } from '../db/dashboards/client';
import { getEnv } from '../core/env';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { BadRequestError, ConfigError, DatabaseUnreachableError } from '../core/errors';
import { parseTimeWindow, type TimeWindow } from '../core/time/time-window';
import type { FundReport } from './domain/report-types';
import { loadFundReport } from './load';

export type FundRequest =
  | { kind: 'ok'; window: TimeWindow; data: FundReport }
  | { kind: 'bad-request'; error: BadRequestError }
  | { kind: 'unavailable'; message: string };

type Query = Record<string, string | string[] | undefined>;

/**
 * One fund request, shared by /fund and /api/fund: a bad window and an unreachable database
 * come back as their own kinds, never as exceptions.
 */
export async function handleFundRequest(query: Query, now: Date): Promise<FundRequest> {
  let window: TimeWindow;
  try {
    window = parseTimeWindow({ start: query.start, end: query.end }, now);
  } catch (err) {
    if (err instanceof BadRequestError) return { kind: 'bad-request', error: err };
    throw err;
  }
  try {
    const env = getEnv();
    const trading = getTradingDb().pool;
    const dashboards = getDashboardsDb().pool;
    const oxr = env.exchangeRateAppId ? { appId: env.exchangeRateAppId } : undefined;
    const data = await loadFundReport(window, now, {
      trading,
      dashboards,
      strategies: getDashboardConfig().strategies,
      oxr,
    }).catch((err) => rethrowFromPools(err, [trading, dashboards]));
    return { kind: 'ok', window, data };
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof ConfigError)
      return { kind: 'unavailable', message: err.message };
    throw err;
  }
}
