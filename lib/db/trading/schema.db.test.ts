import mysql from 'mysql2/promise';
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, MySqlTable } from 'drizzle-orm/mysql-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import * as schema from './schema';

/** The drizzle mirror must describe exactly the database Gryphon's DDL creates. */
const tables = Object.values(schema as Record<string, unknown>).filter((t): t is MySqlTable =>
  is(t, MySqlTable),
);

let dbs: TestDatabases;
let conn: mysql.Connection;
beforeAll(async () => {
  dbs = await createTestDatabases({ trading: true, dashboards: false });
  conn = await mysql.createConnection(dbs.tradingUrl as string);
});
afterAll(async () => {
  await conn?.end();
  await dbs?.drop();
});

async function rows(sql: string): Promise<mysql.RowDataPacket[]> {
  const [r] = await conn.query<mysql.RowDataPacket[]>(sql, [dbs.tradingDb]);
  return r;
}

it('has the same tables and columns (order, type, nullability, keys)', async () => {
  const actual = await rows(
    `SELECT TABLE_NAME t, COLUMN_NAME c, COLUMN_TYPE type, IS_NULLABLE n, COLUMN_KEY k, EXTRA x
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  );
  const fromDb = actual.map((r) => ({
    column: `${r.t}.${r.c}`,
    // MariaDB shows display widths (`int(11)`); drizzle does not.
    type: String(r.type).replace(/^int\(\d+\)$/, 'int'),
    notNull: r.n === 'NO',
    primaryKey: r.k === 'PRI',
    autoIncrement: String(r.x).includes('auto_increment'),
  }));
  const fromMirror = tables
    .map(getTableConfig)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap(({ name, columns }) =>
      columns.map((c) => ({
        column: `${name}.${c.name}`,
        type: c.getSQLType(),
        notNull: c.notNull,
        primaryKey: c.primary,
        autoIncrement: (c as { autoIncrement?: boolean }).autoIncrement === true,
      })),
    );
  expect(fromMirror).toEqual(fromDb);
});

it('has the same foreign keys and named indexes', async () => {
  const fks = await rows(
    `SELECT TABLE_NAME t, COLUMN_NAME c, REFERENCED_TABLE_NAME rt, REFERENCED_COLUMN_NAME rc
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL`,
  );
  const mirrorFks = tables.flatMap((t) =>
    getTableConfig(t).foreignKeys.map((fk) => {
      const ref = fk.reference();
      const [c, rc] = [ref.columns[0].name, ref.foreignColumns[0].name];
      return `${getTableName(t)}.${c} -> ${getTableName(ref.foreignTable)}.${rc}`;
    }),
  );
  expect(mirrorFks.sort()).toEqual(fks.map((r) => `${r.t}.${r.c} -> ${r.rt}.${r.rc}`).sort());

  const stats = await rows(
    `SELECT TABLE_NAME t, INDEX_NAME i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) cols
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? GROUP BY TABLE_NAME, INDEX_NAME`,
  );
  const inDb = new Set(stats.map((r) => `${r.t}.${r.i}(${r.cols})`));
  const mirrorIndexes = tables.flatMap((t) =>
    getTableConfig(t).indexes.map((ix) => {
      const cols = ix.config.columns.map((c) => (c as { name: string }).name).join(',');
      return `${getTableName(t)}.${ix.config.name}(${cols})`;
    }),
  );
  expect(mirrorIndexes.length).toBe(7);
  for (const ix of mirrorIndexes) expect(inDb).toContain(ix);
});
