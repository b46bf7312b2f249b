import type { Pool } from 'mysql2/promise';
import { seedTradingDb } from '../../scripts/seed/run';
import { parseDbCredential } from '../../lib/core/env';
import { applyMigrations, readMigrations } from '../../lib/db/dashboards/migrate';
import { createPool } from '../../lib/db/pool';
import { createTradingPool } from '../../lib/db/trading/client';
import { createTestDatabases, type TestDatabases } from './db';
import { connectUrl } from './sql';

export interface SeededDatabases {
  dbs: TestDatabases;
  /** The read-only trading pool the app uses, and our migrated dashboards database. */
  trading: Pool;
  dashboards: Pool;
  close(): Promise<void>;
}

/**
 * Fresh test databases holding a generated trading history (lib/seed) of `days` days ending at
 * `end`, the dashboards database migrated, and the pools the app would use on them.
 */
export async function seededDatabases(opts: {
  seed: number;
  days: number;
  end: Date;
}): Promise<SeededDatabases> {
  const dbs = await createTestDatabases({ trading: true, dashboards: true });
  await seedTradingDb({
    cred: parseDbCredential('T', dbs.tradingWriteUrl!),
    seed: opts.seed,
    days: opts.days,
    end: opts.end,
    reset: false,
    progress: false,
    log: () => undefined,
  });
  const conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
  await conn.end();
  const trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
  const dashboards = createPool(parseDbCredential('D', dbs.dashboardsUrl!), 'dashboards', {
    connectionLimit: 4,
    sessionSetup: [],
  });
  return {
    dbs,
    trading,
    dashboards,
    async close() {
      await Promise.all([trading.end(), dashboards.end()]);
      await dbs.drop();
    },
  };
}
