import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from './db';

const GRYPHON_TABLES = [
  'alembic_version',
  'datum',
  'event',
  'exchange',
  'flag',
  'liability',
  'order',
  'result',
  'result_trade',
  'trade',
  'transaction',
];

/** mysql2 accepts Gryphon's URL form as is (`charset=utf8` included). */
function connect(url: string): Promise<mysql.Connection> {
  return mysql.createConnection(url);
}

describe('createTestDatabases', () => {
  let dbs: TestDatabases;
  beforeAll(async () => {
    dbs = await createTestDatabases();
  });
  afterAll(async () => {
    await dbs?.drop();
  });

  it('creates the trading db from Gryphon DDL with all 11 tables', async () => {
    const conn = await connect(dbs.tradingUrl as string);
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SHOW TABLES');
    const [version] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT version_num FROM alembic_version',
    );
    await conn.end();
    expect(rows.map((row) => Object.values(row)[0]).sort()).toEqual(GRYPHON_TABLES);
    expect(version).toEqual([{ version_num: '4ee15d6375e' }]);
  });

  it('gives the read-only user SELECT only', async () => {
    const conn = await connect(dbs.tradingUrl as string);
    await expect(conn.query('SELECT COUNT(*) AS n FROM trade')).resolves.toBeDefined();
    await expect(
      conn.query(
        "INSERT INTO trade (unique_id, time_created, exchange_trade_id) VALUES ('u', NOW(), 'x')",
      ),
    ).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    await conn.end();
  });

  it('lets the write user seed the trading db and the dashboards user create tables', async () => {
    const writer = await connect(dbs.tradingWriteUrl as string);
    await writer.query("INSERT INTO flag (`key`, value) VALUES ('seeded', 'yes')");
    await writer.end();
    const dash = await connect(dbs.dashboardsUrl as string);
    await dash.query('CREATE TABLE probe (id INT PRIMARY KEY)');
    await dash.end();
    expect(dbs.tradingUrl).toMatch(
      /^mysql:\/\/t_[0-9a-f]{8}_ro:[0-9a-f]+@127\.0\.0\.1:\d+\/t_[0-9a-f]{8}_trading\?charset=utf8$/,
    );
  });

  it('drop() removes the databases and users', async () => {
    const extra = await createTestDatabases({ dashboards: false });
    await extra.drop();
    await expect(connect(extra.tradingUrl as string)).rejects.toMatchObject({
      code: 'ER_ACCESS_DENIED_ERROR',
    });
  });
});
