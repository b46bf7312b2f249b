import 'server-only';
import type { Pool } from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { getEnv } from '../../core/env';
import { createPool } from '../pool';
import * as schema from './schema';

export type DashboardsDb = MySql2Database<typeof schema>;

const cache = globalThis as unknown as { __dashboardsDb?: { db: DashboardsDb; pool: Pool } };

/** The app's read-write connection to its own database, created once per process. */
export function getDashboardsDb(): { db: DashboardsDb; pool: Pool } {
  if (!cache.__dashboardsDb) {
    const env = getEnv();
    const pool = createPool(env.dashboardDb, 'dashboards', {
      // Every request's session check and the rollup reads share it (login checks and the
      // background jobs have their own pools).
      connectionLimit: 10,
      sessionSetup: [],
      timeouts: env.dbTimeouts.dashboards,
    });
    cache.__dashboardsDb = { pool, db: drizzle({ client: pool, schema, mode: 'default' }) };
  }
  return cache.__dashboardsDb;
}
