import Decimal from 'decimal.js';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { seedTradingDb, type SeedRunOptions } from '@/scripts/seed/run';
import { parseDbCredential } from '../core/env';
import { parseMoneyDict } from '../db/trading/money-json';

const END = new Date('2025-03-10T00:00:00Z');
const TABLES = ['exchange', 'liability', 'order', 'trade', 'transaction', 'event'];

const dbs: TestDatabases[] = [];
async function seededDb(
  seed: number,
  extra: Partial<SeedRunOptions> = {},
): Promise<{ url: string; conn: Connection }> {
  const t = await createTestDatabases({ trading: true, dashboards: false });
  dbs.push(t);
  const url = t.tradingWriteUrl as string;
  const cred = parseDbCredential('TRADING_DB_CRED', url);
  await seedTradingDb({
    cred,
    seed,
    days: 4,
    end: END,
    reset: false,
    progress: false,
    log: () => undefined,
    ...extra,
  });
  const conn = await mysql.createConnection({
    uri: url.replace(/\?.*$/, ''),
    dateStrings: true,
    timezone: 'Z',
  });
  return { url, conn };
}

const rows = async (conn: Connection, sql: string, params: unknown[] = []) =>
  (await conn.query<RowDataPacket[]>(sql, params))[0];

/** Every table's CHECKSUM TABLE, to compare two databases row for row. */
async function checksums(conn: Connection): Promise<string[]> {
  const out: string[] = [];
  for (const table of TABLES)
    out.push(`${table}:${(await rows(conn, `CHECKSUM TABLE \`${table}\``))[0].Checksum}`);
  return out;
}

/** An account's ledger by Gryphon's rule: trades on its pair plus COMPLETED transactions, per currency. */
const LEDGER_SQL = `
  SELECT c, SUM(a) AS total FROM (
    SELECT t.volume_currency AS c, IF(t.trade_type = 'BID', t.volume, -t.volume) AS a
      FROM trade t JOIN \`order\` o ON o.order_id = t.order_id WHERE o.exchange_name = ?
    UNION ALL SELECT t.price_currency, IF(t.trade_type = 'BID', -t.price, t.price)
      FROM trade t JOIN \`order\` o ON o.order_id = t.order_id WHERE o.exchange_name = ?
    UNION ALL SELECT t.fee_currency, -t.fee FROM trade t JOIN \`order\` o ON o.order_id = t.order_id WHERE o.exchange_name = ?
    UNION ALL SELECT amount_currency, IF(transaction_type = 'DEPOSIT', amount, -amount)
      FROM \`transaction\` WHERE exchange_id = ? AND transaction_status = 'COMPLETED'
    UNION ALL SELECT fee_currency, -fee FROM \`transaction\` WHERE exchange_id = ? AND transaction_status = 'COMPLETED' AND fee IS NOT NULL
  ) items GROUP BY c`;

describe('seedTradingDb on MariaDB', () => {
  let conn: Connection;
  let url: string;
  beforeAll(async () => {
    ({ conn, url } = await seededDb(3));
  }, 120_000);
  afterAll(async () => {
    await conn?.end();
    for (const t of dbs) await t.drop();
  });

  it("caches each account's balance as its ledger sum", async () => {
    const accounts = await rows(conn, 'SELECT exchange_id, name, balance FROM exchange');
    expect(accounts).toHaveLength(6);
    for (const a of accounts) {
      const ledger = await rows(conn, LEDGER_SQL, [
        a.name,
        a.name,
        a.name,
        a.exchange_id,
        a.exchange_id,
      ]);
      const { amounts } = parseMoneyDict(a.balance as string);
      for (const { c, total } of ledger) {
        expect(`${a.name} ${c} ${new Decimal(amounts[c] ?? 0).toString()}`).toBe(
          `${a.name} ${c} ${new Decimal(total).toString()}`,
        );
      }
      expect(Object.keys(amounts).sort()).toEqual(ledger.map((l) => l.c).sort());
    }
  });

  it('every fill belongs to an order; FILLED orders add up; CANCELLED-without-fill orders have none', async () => {
    expect(
      (
        await rows(
          conn,
          'SELECT COUNT(*) AS n FROM trade t LEFT JOIN `order` o ON o.order_id = t.order_id WHERE o.order_id IS NULL',
        )
      )[0].n,
    ).toBe(0);
    const perOrder = `SELECT o.order_id, o.status, o.volume, COALESCE(SUM(t.volume), 0) AS filled, COUNT(t.trade_id) AS fills
      FROM \`order\` o LEFT JOIN trade t ON t.order_id = o.order_id GROUP BY o.order_id`;
    const badFilled = await rows(
      conn,
      `SELECT * FROM (${perOrder}) x WHERE status = 'FILLED' AND filled <> volume`,
    );
    expect(badFilled).toEqual([]);
    const overFilled = await rows(
      conn,
      `SELECT * FROM (${perOrder}) x WHERE status <> 'FILLED' AND filled >= volume`,
    );
    expect(overFilled).toEqual([]);
    const kinds = await rows(
      conn,
      `SELECT status, fills = 0 AS empty, COUNT(*) AS n FROM (${perOrder}) x GROUP BY status, fills = 0`,
    );
    const count = (status: string, empty: number) =>
      Number(kinds.find((k) => k.status === status && Number(k.empty) === empty)?.n ?? 0);
    expect(count('FILLED', 1)).toBe(0);
    expect(count('CANCELLED', 1)).toBeGreaterThan(count('FILLED', 0));
    expect(count('CANCELLED', 0)).toBeGreaterThan(0);
    expect(count('OPEN', 0) + count('OPEN', 1)).toBeGreaterThan(0);
    const multiFill = await rows(
      conn,
      `SELECT COUNT(*) AS n FROM (${perOrder}) x WHERE fills >= 3`,
    );
    expect(multiFill[0].n).toBeGreaterThan(0);
  });

  it('audits report the ledger, except right before a drift', { timeout: 90_000 }, async () => {
    const audits = await rows(
      conn,
      "SELECT e.time_created, e.data, x.exchange_id, x.name FROM event e JOIN exchange x ON x.name = e.exchange_name WHERE event_type = 'AUDIT' ORDER BY event_id",
    );
    let drifts = 0;
    for (const a of audits) {
      const at = (sql: string) =>
        sql.replace(
          /WHERE o.exchange_name = \?/g,
          'WHERE o.exchange_name = ? AND t.time_created <= ?',
        );
      const sql = at(LEDGER_SQL).replace(
        /transaction_status = 'COMPLETED'/g,
        "transaction_status = 'COMPLETED' AND time_completed <= ?",
      );
      const t = a.time_created as string;
      const ledger = await rows(conn, sql, [
        a.name,
        t,
        a.name,
        t,
        a.name,
        t,
        a.exchange_id,
        t,
        a.exchange_id,
        t,
      ]);
      const drift = await rows(
        conn,
        "SELECT amount_currency AS c, IF(transaction_type = 'DEPOSIT', amount, -amount) AS a FROM `transaction` WHERE exchange_id = ? AND transaction_details = '{\"drift\":true}' AND time_completed > ? AND time_completed < ? + INTERVAL 1 MINUTE",
        [a.exchange_id, t, t],
      );
      drifts += drift.length;
      const reported = parseMoneyDict(
        JSON.stringify((JSON.parse(a.data as string) as { balance_data: unknown }).balance_data),
      ).amounts;
      for (const { c, total } of ledger) {
        const expected = new Decimal(total).add(
          drift.filter((d) => d.c === c).reduce((s, d) => s.add(d.a as string), new Decimal(0)),
        );
        expect(new Decimal(reported[c]).toString()).toBe(expected.toString());
      }
    }
    expect(audits.length).toBe(4 * 24 * 4 - 4);
    expect(drifts).toBeGreaterThanOrEqual(2);
  });

  it('pairs transfers, keeps the last ones IN_TRANSIT, and spells types as Gryphon does', async () => {
    const types = await rows(
      conn,
      'SELECT DISTINCT transaction_type AS t, transaction_status AS s FROM `transaction` ORDER BY 1, 2',
    );
    expect(types.map((r) => `${r.t}/${r.s}`)).toEqual([
      'DEPOSIT/COMPLETED',
      'DEPOSIT/IN_TRANSIT',
      'WITHDRAWL/COMPLETED',
    ]);
    const unpaired = await rows(
      conn,
      `SELECT JSON_VALUE(transaction_details, '$.transaction_hash') AS h, COUNT(*) AS n FROM \`transaction\`
      WHERE JSON_VALUE(transaction_details, '$.transaction_hash') IS NOT NULL GROUP BY h HAVING n <> 2`,
    );
    expect(unpaired).toEqual([]);
  });

  it('books burns, reverse burns and a cross-currency wire as Gryphon does: same details, no id', async () => {
    // The bank bot's record_burn: bank WITHDRAWL + BURN DEPOSIT, identical {"description"}, 0-1 s apart.
    const pairs = (from: number, to: number) =>
      rows(
        conn,
        `SELECT COUNT(*) AS n FROM \`transaction\` w JOIN \`transaction\` d
          ON d.transaction_details = w.transaction_details AND d.exchange_id = ? AND d.transaction_type = 'DEPOSIT'
          AND d.time_created BETWEEN w.time_created AND w.time_created + INTERVAL 1 SECOND
          AND d.amount = w.amount AND d.amount_currency = w.amount_currency AND d.fee IS NULL
          AND d.transaction_status = 'COMPLETED' AND d.time_completed = d.time_created
        WHERE w.exchange_id = ? AND w.transaction_type = 'WITHDRAWL' AND w.fee IS NULL
          AND w.transaction_status = 'COMPLETED' AND w.time_completed = w.time_created
          AND JSON_LENGTH(w.transaction_details) = 1 AND JSON_EXISTS(w.transaction_details, '$.description')`,
        [to, from],
      );
    // Every BURN leg with only a description is one side of such a pair.
    const burnLegs = await rows(
      conn,
      `SELECT transaction_type AS t, COUNT(*) AS n FROM \`transaction\` WHERE exchange_id = 6
        AND JSON_LENGTH(transaction_details) = 1 AND JSON_EXISTS(transaction_details, '$.description')
        GROUP BY t ORDER BY t`,
    );
    const burns = Number((await pairs(5, 6))[0].n);
    const reverseBurns = Number((await pairs(6, 5))[0].n);
    expect(burns).toBeGreaterThanOrEqual(3);
    expect(reverseBurns).toBe(2);
    expect(burnLegs.map((r) => [r.t, Number(r.n)])).toEqual([
      ['DEPOSIT', burns],
      ['WITHDRAWL', reverseBurns],
    ]);

    const euro = await rows(
      conn,
      `SELECT w.amount AS usd, w.amount_currency AS wc, d.amount AS eur, d.amount_currency AS dc,
          JSON_VALUE(w.transaction_details, '$.exchange_rate') AS rate, d.transaction_status AS status
        FROM \`transaction\` w JOIN \`transaction\` d ON d.transaction_details = w.transaction_details
          AND d.transaction_type = 'DEPOSIT' AND d.exchange_id = 3 AND d.time_created = w.time_created
        WHERE w.exchange_id = 5 AND w.transaction_type = 'WITHDRAWL'
          AND JSON_VALUE(w.transaction_details, '$.exchange_rate') IS NOT NULL ORDER BY w.transaction_id`,
    );
    expect(euro).toHaveLength(3);
    for (const e of euro) {
      expect([e.wc, e.dc]).toEqual(['USD', 'EUR']);
      const implied = new Decimal(e.usd as string).div(e.rate as string);
      expect(
        implied
          .sub(e.eur as string)
          .abs()
          .lte('0.005'),
      ).toBe(true);
    }
    expect(euro.at(-1)?.status).toBe('IN_TRANSIT');
  });

  it('writes the harness placeholder 1 USD as fundamental value on every Multi order', async () => {
    const multi = await rows(
      conn,
      "SELECT fundamental_value AS v, fundamental_value_currency AS c, COUNT(*) AS n FROM `order` WHERE actor = 'Multi' GROUP BY v, c",
    );
    expect(multi.map((r) => [r.v, r.c])).toEqual([['1.0000000000', 'USD']]);
    expect(Number(multi[0].n)).toBeGreaterThan(0);
    const others = await rows(
      conn,
      "SELECT COUNT(*) AS n FROM `order` WHERE actor <> 'Multi' AND (fundamental_value <= 1 OR fundamental_value_currency <> price_currency)",
    );
    expect(Number(others[0].n)).toBe(0);
  });

  it('refuses to write over existing data without --reset, and regenerates with it', async () => {
    const cred = parseDbCredential('TRADING_DB_CRED', url);
    const opts = { cred, seed: 3, days: 1, end: END, progress: false, log: () => undefined };
    await expect(seedTradingDb({ ...opts, reset: false })).rejects.toThrow(
      /already holds .* pass --reset/,
    );
    const result = await seedTradingDb({ ...opts, reset: true, trades: 500 });
    expect(result.summary.fills).toBe(500);
    expect((await rows(conn, 'SELECT COUNT(*) AS n FROM trade'))[0].n).toBe(500);
  });
});

describe('determinism', () => {
  afterAll(async () => {
    for (const t of dbs) await t.drop();
  });

  it('same seed, same rows; another seed, other rows (LOAD DATA and INSERT alike)', async () => {
    const a = await seededDb(21, { days: 1 });
    const b = await seededDb(21, { days: 1, method: 'insert', batchSize: 700 });
    const c = await seededDb(22, { days: 1 });
    try {
      const [sa, sb, sc] = [
        await checksums(a.conn),
        await checksums(b.conn),
        await checksums(c.conn),
      ];
      expect(sb).toEqual(sa);
      expect(sc.filter((x, i) => x !== sa[i]).length).toBeGreaterThanOrEqual(5);
    } finally {
      for (const x of [a, b, c]) await x.conn.end();
    }
  }, 120_000);
});
