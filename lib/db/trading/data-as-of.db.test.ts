import mysql from 'mysql2/promise';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { parseDbCredential } from '../../core/env';
import { createTradingPool } from './client';
import { NEWEST_FILL_SQL, readDataAsOf } from './data-as-of';

let dbs: TestDatabases;
let ro: Pool;
let write: mysql.Connection;

beforeAll(async () => {
  dbs = await createTestDatabases({ trading: true, dashboards: false });
  ro = createTradingPool(parseDbCredential('TRADING_DB_CRED', dbs.tradingUrl as string));
  write = await mysql.createConnection(dbs.tradingWriteUrl as string);
});

afterAll(async () => {
  await Promise.all([ro?.end(), write?.end()]);
  await dbs?.drop();
});

const fill = (id: number, at: string) =>
  write.query(
    'INSERT INTO trade (trade_id, trade_type, unique_id, time_created, price, price_currency, ' +
      "volume, volume_currency) VALUES (?, 'BID', ?, ?, '100', 'USD', '1', 'BTC')",
    [id, `t${id}`, at],
  );

describe('readDataAsOf', () => {
  it('says there are no fills in an empty trading database', async () => {
    const now = new Date('2024-03-01T12:00:00Z');
    expect(await readDataAsOf(ro, now)).toEqual({
      time: '2024-03-01T12:00:00.000Z',
      newestFillId: null,
      newestFillTime: null,
      ageSeconds: null,
    });
  });

  it('names the fill with the highest id and its age at `now`, in whole seconds', async () => {
    await fill(3, '2024-03-01 11:58:00');
    // An older time under a higher id: the newest *row* is what tells whether the bot writes.
    await fill(9, '2024-03-01 11:59:30');
    await fill(5, '2024-03-01 11:59:59');
    const now = new Date('2024-03-01T12:00:00.900Z');
    // 11:59:30 to 12:00:00.900 is 30.9 s: 30 whole seconds.
    expect(await readDataAsOf(ro, now)).toEqual({
      time: '2024-03-01T12:00:00.900Z',
      newestFillId: 9,
      newestFillTime: '2024-03-01T11:59:30.000Z',
      ageSeconds: 30,
    });
    // The same as the plain query, on the same data.
    const [plain] = await ro.query<RowDataPacket[]>(
      'SELECT trade_id, time_created FROM trade ORDER BY trade_id DESC LIMIT 1',
    );
    expect(plain[0]).toMatchObject({ trade_id: 9, time_created: '2024-03-01 11:59:30' });
  });

  it('reads through the primary key, never a scan', async () => {
    // 200,000 fills (MariaDB's sequence engine): the lookup must not grow with the table.
    await write.query(
      'INSERT INTO trade (trade_id, trade_type, unique_id, time_created, price, price_currency, ' +
        "volume, volume_currency) SELECT 1000 + seq, 'ASK', CONCAT('bulk', seq), " +
        "'2024-02-01 00:00:00', '1', 'USD', '1', 'BTC' FROM seq_0_to_199999",
    );
    const timed = async (sql: string, runs: number) => {
      const started = performance.now();
      for (let i = 0; i < runs; i++) await ro.query(sql);
      return (performance.now() - started) / runs;
    };
    const lookupMs = await timed(NEWEST_FILL_SQL, 20);
    // What a scan costs on the same table, for the record (trade_type has no index).
    const scanMs = await timed("SELECT MAX(trade_id) FROM trade WHERE trade_type <> 'X'", 3);
    console.log(
      `[data-as-of] 200,000 fills: lookup ${lookupMs.toFixed(2)} ms, a scan ${scanMs.toFixed(1)} ms (means of 20 and 3 runs)`,
    );
    const [plan] = await ro.query<RowDataPacket[]>(`EXPLAIN ${NEWEST_FILL_SQL}`);
    const byId = Object.fromEntries(plan.map((p) => [String(p.select_type), p]));
    expect(byId.PRIMARY).toMatchObject({ table: 't', type: 'const', key: 'PRIMARY' });
    expect(byId.SUBQUERY).toMatchObject({ Extra: 'Select tables optimized away' });
    expect(plan.every((p) => p.type !== 'ALL' && p.type !== 'index')).toBe(true);
    const asOf = await readDataAsOf(ro, new Date('2024-03-01T12:00:00Z'));
    expect(asOf.newestFillId).toBe(1000 + 199_999);
    expect(asOf.ageSeconds).toBe(29 * 86_400 + 12 * 3600);
  });
});
