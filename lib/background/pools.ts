import 'server-only';
import type { Pool } from 'mysql2/promise';
import { getEnv } from '../core/env';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';

/**
 * The background jobs' own pools. Requests run under short statement timeouts
 * (DASHBOARD_DB_STATEMENT_TIMEOUT, TRADING_DB_STATEMENT_TIMEOUT) so that nothing hangs; the
 * rollup's first build, its daily whole-history check and its inserts can legitimately run
 * for minutes on a large history, so they get their own small pools with a long limit
 * (BACKGROUND_STATEMENT_TIMEOUT_MS) and do not take the requests' connections either.
 */
const BACKGROUND_STATEMENT_TIMEOUT_MS = 30 * 60_000;

const state = globalThis as unknown as { __backgroundPools?: { trading: Pool; dashboards: Pool } };

export function backgroundPools(): { trading: Pool; dashboards: Pool } {
  if (!state.__backgroundPools) {
    const env = getEnv();
    const long = (acquireMs: number) => ({
      statementMs: BACKGROUND_STATEMENT_TIMEOUT_MS,
      acquireMs,
    });
    state.__backgroundPools = {
      trading: createTradingPool(env.tradingDb, 3, long(env.dbTimeouts.trading.acquireMs)),
      dashboards: createPool(env.dashboardDb, 'dashboards', {
        connectionLimit: 3,
        sessionSetup: [],
        timeouts: long(env.dbTimeouts.dashboards.acquireMs),
      }),
    };
  }
  return state.__backgroundPools;
}
