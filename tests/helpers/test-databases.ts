import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

/** Enough to reach a test MariaDB as root over TCP (what globalSetup provides to workers). */
export interface MariadbServerInfo {
  port: number;
  rootPassword: string;
}

export interface TestDatabases {
  tradingDb?: string;
  dashboardsDb?: string;
  /** SELECT-only user, like a production TRADING_DB_CRED. */
  tradingUrl?: string;
  /** Full rights on the trading db, for seeding it in tests. */
  tradingWriteUrl?: string;
  dashboardsUrl?: string;
  drop(): Promise<void>;
}

const TRADING_DDL = fileURLToPath(
  new URL('../../lib/db/trading/gryphon-trading-schema.sql', import.meta.url),
);

function rootConnection(server: MariadbServerInfo): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: server.port,
    user: 'root',
    password: server.rootPassword,
    multipleStatements: true,
  });
}

/** Gryphon's credential form (SQLAlchemy URL); names and passwords here are URL-safe. */
function credentialUrl(
  server: MariadbServerInfo,
  user: string,
  password: string,
  db: string,
): string {
  return `mysql://${user}:${password}@127.0.0.1:${server.port}/${db}?charset=utf8`;
}

/**
 * Fresh, uniquely named databases (`t_<random>_trading`, `t_<random>_dashboards`) with their own
 * users. The trading one is created from Gryphon's DDL. Both are created unless opted out.
 */
export async function createTestDatabasesOn(
  server: MariadbServerInfo,
  opts: { trading?: boolean; dashboards?: boolean } = {},
): Promise<TestDatabases> {
  const { trading = true, dashboards = true } = opts;
  const prefix = `t_${randomBytes(4).toString('hex')}`;
  const password = () => randomBytes(12).toString('hex');
  const users: string[] = [];
  const dbs: string[] = [];
  const result: TestDatabases = {
    async drop() {
      const conn = await rootConnection(server);
      try {
        for (const db of dbs) await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
        for (const user of users) await conn.query("DROP USER IF EXISTS ?@'%'", [user]);
      } finally {
        await conn.end();
      }
    },
  };

  const conn = await rootConnection(server);
  const createUser = async (user: string, pass: string, grant: string, db: string) => {
    users.push(user);
    await conn.query("CREATE USER ?@'%' IDENTIFIED BY ?", [user, pass]);
    await conn.query(`GRANT ${grant} ON \`${db}\`.* TO ?@'%'`, [user]);
  };
  try {
    if (trading) {
      const db = `${prefix}_trading`;
      dbs.push(db);
      await conn.query(`CREATE DATABASE \`${db}\``);
      await conn.query(`USE \`${db}\`; ${readFileSync(TRADING_DDL, 'utf8')}`);
      const [ro, rw, roPass, rwPass] = [`${prefix}_ro`, `${prefix}_rw`, password(), password()];
      await createUser(ro, roPass, 'SELECT', db);
      await createUser(rw, rwPass, 'ALL PRIVILEGES', db);
      Object.assign(result, {
        tradingDb: db,
        tradingUrl: credentialUrl(server, ro, roPass, db),
        tradingWriteUrl: credentialUrl(server, rw, rwPass, db),
      });
    }
    if (dashboards) {
      const db = `${prefix}_dashboards`;
      dbs.push(db);
      await conn.query(`CREATE DATABASE \`${db}\``);
      const [user, pass] = [`${prefix}_dash`, password()];
      await createUser(user, pass, 'ALL PRIVILEGES', db);
      Object.assign(result, {
        dashboardsDb: db,
        dashboardsUrl: credentialUrl(server, user, pass, db),
      });
    }
  } catch (err) {
    await conn.end();
    await result.drop().catch(() => undefined);
    throw err;
  }
  await conn.end();
  return result;
}
