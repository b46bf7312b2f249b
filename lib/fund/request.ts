import 'server-only';
import { getDashboardConfig } from '../config';
import { getDashboardsDb } from '../dashboards-db/client';
import { getEnv } from '../env';
import { getTradingDb } from '../trading-db/client';
import { rethrowFromPools } from '../db-pool';
import { BadRequestError, ConfigError, DatabaseUnreachableError } from '../errors';
import { parseTimeWindow, type TimeWindow } from '../time-window';
import type { FundReport } from '../domain/fund-report-types';
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
    const data = await loadFundReport(window, now, { trading, dashboards, strategies: getDashboardConfig().strategies, oxr }).catch((err) =>
      rethrowFromPools(err, [trading, dashboards]),
    );
    return { kind: 'ok', window, data };
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof ConfigError) return { kind: 'unavailable', message: err.message };
    throw err;
  }
}
