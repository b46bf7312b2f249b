import mysql from 'mysql2/promise';
import type { Pool } from 'mysql2/promise';
import { createPool } from '@/lib/db/pool';
import { applyMigrations, readMigrations } from '@/lib/db/dashboards/migrate';
import { parseDbCredential } from '@/lib/core/env';
import { createTradingPool } from '@/lib/db/trading/client';
import { findLedgerAccount } from '@/lib/ledger/queries/account';
import { readRollupMark } from '@/lib/rollup/read';
import type { LedgerSource } from '@/lib/ledger/source';

/** Test pools on databases from tests/helpers/db.ts; the dashboards one migrated. */
export async function ledgerTestPools(urls: {
  tradingUrl: string;
  dashboardsUrl: string;
}): Promise<{ trading: Pool; dashboards: Pool }> {
  const conn = await mysql.createConnection({
    ...connectionOptions(urls.dashboardsUrl),
    multipleStatements: true,
  });
  await applyMigrations(conn, readMigrations());
  await conn.end();
  return {
    trading: createTradingPool(parseDbCredential('TRADING_DB_CRED', urls.tradingUrl)),
    dashboards: createPool(
      parseDbCredential('DASHBOARD_DB_CRED', urls.dashboardsUrl),
      'dashboards',
      { connectionLimit: 5, sessionSetup: [] },
    ),
  };
}

export async function runSql(url: string, sql: string): Promise<void> {
  const conn = await mysql.createConnection({
    ...connectionOptions(url),
    multipleStatements: true,
  });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

function connectionOptions(url: string) {
  const c = parseDbCredential('TEST_DB', url);
  return {
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    database: c.database,
    timezone: 'Z' as const,
    dateStrings: true,
  };
}

/** Where the rollup stands, for loadLedgerPage: as the pages read it. */
export const rollupAt = (mark: number) => ({ mark, newestTradeId: mark, progress: 1 });

export async function testSource(
  pools: { trading: Pool; dashboards: Pool },
  name: string,
): Promise<LedgerSource> {
  const account = await findLedgerAccount(pools.trading, name);
  if (!account) throw new Error(`no account ${name}`);
  return { ...pools, account, rollupMark: await readRollupMark(pools.dashboards) };
}
