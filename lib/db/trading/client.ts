/**
 * The connection to Gryphon's trading database. Read-only twice over: the operator should give
 * us a SELECT-only user, and every pooled connection is put in READ ONLY mode anyway.
 */
import 'server-only';
import type mysql from 'mysql2';
import type { Pool } from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createPool, poolCredential, rethrowDbError } from '../pool';
import { getEnv, redactCredential, type DbCredential, type DbTimeouts } from '../../core/env';
import { grantAllowsWrite, redactGrant, selectOnlyGrantSql } from './grants';
import * as schema from './schema';

export { describeConnectionError } from '../connection-error';

export type TradingDb = MySql2Database<typeof schema>;

/** Run on every new connection before it serves a query. */
const SESSION_SETUP = ['SET SESSION TRANSACTION READ ONLY'];

/**
 * Process-wide state, on globalThis so that Next's dev-mode module reloads keep it: the
 * cached pool and which pools have had their grants checked.
 */
const state = globalThis as unknown as {
  __tradingDb?: { db: TradingDb; pool: Pool };
  __tradingGrantsChecked?: WeakSet<Pool>;
};
const checked = (state.__tradingGrantsChecked ??= new WeakSet());

/**
 * A promise pool on `cred`. DATETIMEs come back as 'YYYY-MM-DD HH:MM:SS' strings (naive
 * UTC; drizzle's mode 'date' turns them into UTC Dates) and DECIMALs as exact strings.
 */
export function createTradingPool(
  cred: DbCredential,
  connectionLimit = 10,
  timeouts?: DbTimeouts,
): Pool {
  return createPool(cred, 'trading', { connectionLimit, sessionSetup: SESSION_SETUP, timeouts });
}

/** The process-wide trading connection from TRADING_DB_CRED (cached across dev reloads). */
export function getTradingDb(): { db: TradingDb; pool: Pool } {
  if (!state.__tradingDb) {
    const env = getEnv();
    const pool = createTradingPool(env.tradingDb, 10, env.dbTimeouts.trading);
    state.__tradingDb = { pool, db: drizzle({ client: pool, schema, mode: 'default' }) };
  }
  return state.__tradingDb;
}

/** Ends the cached pool (CLIs call this so the process can exit). */
export async function closeTradingDb(): Promise<void> {
  const open = state.__tradingDb;
  state.__tradingDb = undefined;
  await open?.pool.end();
}

/** Rethrows a connection failure as DatabaseUnreachableError (one line, no password). */
export function rethrowTradingError(err: unknown, pool = state.__tradingDb?.pool): never {
  if (pool) rethrowDbError(err, pool);
  throw err;
}

/** Does the configured user hold any privilege that could change the trading database? */
export async function checkTradingGrants(
  pool: Pool = getTradingDb().pool,
): Promise<{ canWrite: boolean; grants: string[] }> {
  try {
    const [[{ db }]] =
      await pool.query<(mysql.RowDataPacket & { db: string | null })[]>('SELECT DATABASE() AS db');
    const [rows] = await pool.query<mysql.RowDataPacket[]>('SHOW GRANTS FOR CURRENT_USER()');
    const grants = rows.map((r) => String(Object.values(r)[0]));
    return {
      canWrite: grants.some((g) => grantAllowsWrite(g, db ?? '')),
      grants: grants.map(redactGrant),
    };
  } catch (err) {
    return rethrowTradingError(err, pool);
  }
}

/** Logs once per pool if the trading user could write, with the GRANT to use instead. */
export async function warnIfTradingWritable(
  log: (message: string) => void,
  pool: Pool = getTradingDb().pool,
): Promise<void> {
  if (checked.has(pool)) return;
  const { canWrite } = await checkTradingGrants(pool);
  checked.add(pool);
  if (!canWrite) return;
  const cred = poolCredential(pool);
  const who = cred ? redactCredential(cred) : 'TRADING_DB_CRED';
  log(
    `warning: the trading database user (${who}) can write; this server only reads it. ` +
      `Recommended: a SELECT-only user: ${selectOnlyGrantSql(cred?.database ?? 'trading')}`,
  );
}
