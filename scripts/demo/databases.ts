import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { DemoSecrets } from './state';

export const DASHBOARDS_DB = 'dashboards';
export const TRADING_DB = 'trading';
/** The app's trading user: SELECT only, Gryphon's recommended set-up. */
export const READ_ONLY_USER = 'gryphon_ro';
/** Writes the generated history; the app never uses it. */
export const SEED_USER = 'gryphon_seed';
export const DASHBOARDS_USER = 'gryphon_dash';

export interface DemoUrls {
  dashboards: string;
  tradingReadOnly: string;
  tradingWrite: string;
}

/** Gryphon's credential form; the demo's passwords are base64url, safe in a URL. */
export function demoUrls(port: number, s: DemoSecrets): DemoUrls {
  const url = (user: string, pass: string, db: string) =>
    `mysql://${user}:${pass}@127.0.0.1:${port}/${db}?charset=utf8`;
  return {
    dashboards: url(DASHBOARDS_USER, s.dashboardsPassword, DASHBOARDS_DB),
    tradingReadOnly: url(READ_ONLY_USER, s.readOnlyPassword, TRADING_DB),
    tradingWrite: url(SEED_USER, s.seedPassword, TRADING_DB),
  };
}

/**
 * Creates (idempotently) the two databases and three users. With `reset`, both databases are
 * dropped first: the trading history is regenerated and the dashboards' caches of it must go too.
 */
export async function provisionDatabases(
  root: Connection,
  s: DemoSecrets,
  opts: { reset: boolean },
): Promise<void> {
  if (opts.reset) {
    await root.query(`DROP DATABASE IF EXISTS \`${TRADING_DB}\``);
    await root.query(`DROP DATABASE IF EXISTS \`${DASHBOARDS_DB}\``);
  }
  for (const db of [DASHBOARDS_DB, TRADING_DB]) {
    await root.query(
      `CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`,
    );
  }
  const users: [string, string, string, string][] = [
    [READ_ONLY_USER, s.readOnlyPassword, 'SELECT', TRADING_DB],
    [SEED_USER, s.seedPassword, 'ALL PRIVILEGES', TRADING_DB],
    [DASHBOARDS_USER, s.dashboardsPassword, 'ALL PRIVILEGES', DASHBOARDS_DB],
  ];
  for (const [user, password, grant, db] of users) {
    await root.query("CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?", [user, password]);
    await root.query("ALTER USER ?@'%' IDENTIFIED BY ?", [user, password]);
    await root.query(`GRANT ${grant} ON \`${db}\`.* TO ?@'%'`, [user]);
  }
}

/** Fills in the trading database (0 when its tables do not exist yet). */
export async function tradingFills(root: Connection): Promise<number> {
  try {
    const [rows] = await root.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${TRADING_DB}\`.\`trade\``,
    );
    return Number(rows[0].n);
  } catch {
    return 0;
  }
}

/** Whether the dashboards database has an account named `username` (false before migrations). */
export async function dashboardUserExists(root: Connection, username: string): Promise<boolean> {
  try {
    const [rows] = await root.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${DASHBOARDS_DB}\`.\`user\` WHERE username = ?`,
      [username],
    );
    return Number(rows[0].n) > 0;
  } catch {
    return false;
  }
}

export async function deleteDashboardUser(root: Connection, username: string): Promise<void> {
  await root.query(`DELETE FROM \`${DASHBOARDS_DB}\`.\`user\` WHERE username = ?`, [username]);
}
