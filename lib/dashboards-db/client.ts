import 'server-only';
import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { getEnv, type DbCredential } from '../env';
import * as schema from './schema';

export type DashboardsDb = MySql2Database<typeof schema>;

/** Options shared by every pool: UTC everywhere, DECIMAL kept as exact strings. */
export function poolOptions(cred: DbCredential, connectionLimit: number): mysql.PoolOptions {
  return {
    host: cred.socketPath ? undefined : cred.host,
    port: cred.socketPath ? undefined : cred.port,
    socketPath: cred.socketPath,
    user: cred.user,
    password: cred.password,
    database: cred.database,
    charset: cred.charset,
    timezone: 'Z',
    dateStrings: true,
    decimalNumbers: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectionLimit,
    connectTimeout: 10_000,
    enableKeepAlive: true,
  };
}

export function createDashboardsPool(cred: DbCredential): mysql.Pool {
  const pool = mysql.createPool(poolOptions(cred, 5));
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });
  return pool;
}

const cache = globalThis as unknown as { __dashboardsDb?: { db: DashboardsDb; pool: mysql.Pool } };

/** The app's read-write connection to its own database, created once per process. */
export function getDashboardsDb(): { db: DashboardsDb; pool: mysql.Pool } {
  if (!cache.__dashboardsDb) {
    const pool = createDashboardsPool(getEnv().dashboardDb);
    cache.__dashboardsDb = { pool, db: drizzle({ client: pool, schema, mode: 'default' }) };
  }
  return cache.__dashboardsDb;
}
