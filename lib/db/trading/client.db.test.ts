import mysql from 'mysql2/promise';
import { asc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { parseDbCredential, type DbCredential } from '../../core/env';
import { DatabaseUnreachableError } from '../../core/errors';
import {
  checkTradingGrants,
  closeTradingDb,
  createTradingPool,
  getTradingDb,
  warnIfTradingWritable,
} from './client';
import * as schema from './schema';

let dbs: TestDatabases;
let ro: Pool;
let rw: Pool; // write-capable user, but through createTradingPool: still READ ONLY
const savedTz = process.env.TZ;

beforeAll(async () => {
  // A local zone with a DST gap at 2024-03-10 02:30: any local-time conversion would show.
  process.env.TZ = 'America/New_York';
  dbs = await createTestDatabases({ trading: true, dashboards: false });
  ro = createTradingPool(parseDbCredential('TRADING_DB_CRED', dbs.tradingUrl as string));
  rw = createTradingPool(parseDbCredential('TRADING_DB_CRED', dbs.tradingWriteUrl as string));
  const seed = await mysql.createConnection(`${dbs.tradingWriteUrl}&multipleStatements=true`);
  await seed.query(`
    INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES (1, 'x1', 'BITSTAMP_BTC_USD', '{}');
    INSERT INTO \`order\` (order_id, status, order_type, unique_id, actor, exchange_rate, time_created,
      exchange_name, price, price_currency, volume, volume_currency)
      VALUES (7, 'FILLED', 'BID', 'o7', 'SIMPLEMARKETMAKING', 1, '2024-03-10 02:30:00',
        'BITSTAMP_BTC_USD', '65000.1234567891', 'USD', '0.0000000001', 'BTC');
    INSERT INTO trade (trade_id, trade_type, unique_id, time_created, fee, fee_currency, price,
      price_currency, volume, volume_currency, order_id)
      VALUES (3, 'BID', 't3', '2024-03-10 02:30:05', '0.00000000000001', 'USD',
        '1234567890.12345678901234', 'USD', '0.10000000000000', 'BTC', 7);
    INSERT INTO \`transaction\` (transaction_id, transaction_type, transaction_status, unique_id,
      time_created, time_completed, amount, amount_currency, exchange_id)
      VALUES (5, 'WITHDRAWL', 'COMPLETED', 'tx5', '2023-12-31 23:59:59', '2024-01-01 00:00:00',
        '0.30000000000000', 'BTC', 1);
  `);
  await seed.end();
});

afterAll(async () => {
  await Promise.all([ro?.end(), rw?.end()]);
  await dbs?.drop();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('read-only sessions', () => {
  it('refuses writes even for a write-capable user, on every pooled connection', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        rw.query("INSERT INTO flag (`key`, `value`) VALUES (?, 'x')", [`k${i}`]),
      ),
    );
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({
        status: 'rejected',
        reason: { code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' },
      });
    }
    const db = drizzle({ client: rw, schema, mode: 'default' });
    await expect(
      db.update(schema.order).set({ status: 'CANCELLED' }).where(eq(schema.order.orderId, 7)),
    ).rejects.toMatchObject({ cause: { code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' } });
    const sessions = await Promise.all(
      Array.from({ length: 6 }, () =>
        rw.query<mysql.RowDataPacket[]>(
          'SELECT CONNECTION_ID() AS id, @@session.tx_read_only AS ro, @@session.time_zone AS tz, SLEEP(0.05) AS s',
        ),
      ),
    );
    const rows = sessions.map(([r]) => r[0]);
    expect(new Set(rows.map((r) => r.id)).size).toBeGreaterThan(1);
    for (const r of rows) expect(r).toMatchObject({ ro: 1, tz: '+00:00' });
  });

  it('reports canWrite from the grants', async () => {
    const forRo = await checkTradingGrants(ro);
    const forRw = await checkTradingGrants(rw);
    expect(forRo.canWrite).toBe(false);
    expect(forRw.canWrite).toBe(true);
    expect(forRo.grants.some((g) => g.startsWith('GRANT SELECT ON'))).toBe(true);
    for (const g of [...forRo.grants, ...forRw.grants]) expect(g).not.toMatch(/'\*[0-9A-F]{40}'/);
  });

  it('warns once per pool about a writable user, with the GRANT to use', async () => {
    const logged: string[] = [];
    await warnIfTradingWritable((m) => logged.push(m), ro);
    await warnIfTradingWritable((m) => logged.push(m), rw);
    await warnIfTradingWritable((m) => logged.push(m), rw);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`GRANT SELECT ON \`${dbs.tradingDb}\`.* TO 'gryphon_ro'@'%'`);
    expect(logged[0]).not.toContain(new URL(dbs.tradingWriteUrl as string).password);
  });
});

describe('values', () => {
  it('reads DATETIME as UTC and DECIMAL as exact strings through drizzle', async () => {
    const db = drizzle({ client: ro, schema, mode: 'default' });
    const [o] = await db.select().from(schema.order).where(eq(schema.order.orderId, 7));
    expect(o.timeCreated.toISOString()).toBe('2024-03-10T02:30:00.000Z');
    expect(o.timeExecuted).toBeNull();
    expect(o).toMatchObject({
      price: '65000.1234567891',
      volume: '0.0000000001',
      actor: 'SIMPLEMARKETMAKING',
    });
    const [t] = await db
      .select({ price: schema.trade.price, fee: schema.trade.fee, time: schema.trade.timeCreated })
      .from(schema.trade)
      .innerJoin(schema.order, eq(schema.trade.orderId, schema.order.orderId))
      .where(eq(schema.order.actor, 'simplemarketmaking'));
    expect(t).toEqual({
      price: '1234567890.12345678901234',
      fee: '0.00000000000001',
      time: new Date(Date.UTC(2024, 2, 10, 2, 30, 5)),
    });
    const txs = await db
      .select()
      .from(schema.transaction)
      .orderBy(asc(schema.transaction.transactionId));
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({
      transactionType: 'WITHDRAWL',
      amount: '0.30000000000000',
      timeCreated: new Date('2023-12-31T23:59:59Z'),
      timeCompleted: new Date('2024-01-01T00:00:00Z'),
    });
  });

  it('reads DATETIME as naive UTC strings and DECIMAL as strings through the raw pool', async () => {
    const [rows] = await ro.query<mysql.RowDataPacket[]>(
      'SELECT time_created, price, NOW() - INTERVAL 0 SECOND AS now FROM trade WHERE trade_id = 3',
    );
    expect(rows[0].time_created).toBe('2024-03-10 02:30:05');
    expect(rows[0].price).toBe('1234567890.12345678901234');
    const serverNow = Date.parse(`${String(rows[0].now).replace(' ', 'T')}Z`);
    expect(Math.abs(serverNow - Date.now())).toBeLessThan(60_000);
  });
});

describe('connection errors', () => {
  const base = (): DbCredential => parseDbCredential('TRADING_DB_CRED', dbs.tradingUrl as string);
  it.each<[string, (c: DbCredential) => DbCredential, RegExp]>([
    ['wrong password', (c) => ({ ...c, password: 'Wr0ng-Pa55word-XYZ' }), /access denied/],
    ['no such database', (c) => ({ ...c, database: 'no_such_db' }), /access denied|does not exist/],
    ['closed port', (c) => ({ ...c, port: 1 }), /connection refused/],
  ])('%s -> DatabaseUnreachableError', async (_name, change, why) => {
    const cred = change(base());
    const pool = createTradingPool(cred);
    try {
      const err = await checkTradingGrants(pool).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnreachableError);
      const message = (err as Error).message;
      expect(message).toMatch(why);
      expect(message).toContain('trading');
      expect(message).not.toContain(cred.password);
      expect(message).not.toContain('\n');
    } finally {
      await pool.end();
    }
  });
});

describe('getTradingDb', () => {
  it('builds one cached pool from TRADING_DB_CRED', async () => {
    const keys = ['APP_COOKIE_SECRET', 'DASHBOARD_DB_CRED', 'TRADING_DB_CRED'] as const;
    const saved = keys.map((k) => process.env[k]);
    Object.assign(process.env, {
      APP_COOKIE_SECRET: 'x'.repeat(32),
      DASHBOARD_DB_CRED: dbs.tradingUrl,
      TRADING_DB_CRED: dbs.tradingUrl,
    });
    try {
      const first = getTradingDb();
      expect(getTradingDb()).toBe(first);
      const [o] = await first.db.select({ id: schema.order.orderId }).from(schema.order);
      expect(o).toEqual({ id: 7 });
      await expect(checkTradingGrants()).resolves.toMatchObject({ canWrite: false });
      await closeTradingDb();
      expect(getTradingDb()).not.toBe(first);
      await closeTradingDb();
    } finally {
      keys.forEach((k, i) => {
        if (saved[i] === undefined) delete process.env[k];
        else process.env[k] = saved[i];
      });
    }
  });
});
