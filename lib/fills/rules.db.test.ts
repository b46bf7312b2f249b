import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential } from '../core/env';
import { type Fixed, fixedToString, parseFixed } from '../core/money/fixed';
import { createTradingPool } from '../db/trading/client';
import {
  fillAmount,
  fillCode,
  fillFeeCurrency,
  fillNotionalUsd,
  fillSide,
  fillUnitPrice,
  fillUsdRate,
} from './rules';
import {
  FILL_ACCOUNT_SQL,
  FILL_ACTOR_SQL,
  FILL_FEE_CURRENCY_SQL,
  FILL_FEE_SQL,
  FILL_NOTIONAL_SQL,
  FILL_NOTIONAL_USD_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_UNIT_PRICE_SQL,
  FILL_USD_RATE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
  FILL_VOLUME_SQL,
} from './sql';

/**
 * Every SQL rule evaluated by MariaDB equals its TypeScript twin on the same raw columns, row
 * by row: hand-picked edge cases, every trade_type × order_type, and deterministic
 * pseudo-random DECIMALs at the columns' full precision (unit price rounding, USD notional).
 */
interface Raw {
  tradeType: string | null;
  orderType: string | null;
  feeCurrency: string | null;
  priceCurrency: string | null;
  volumeCurrency: string | null;
  exchangeRate: string | null;
  price: string | null;
  volume: string | null;
  fee: string | null;
  actor: string | null;
  exchangeName: string | null;
}

const BASE: Raw = {
  tradeType: 'BID',
  orderType: 'BID',
  feeCurrency: 'USD',
  priceCurrency: 'USD',
  volumeCurrency: 'BTC',
  exchangeRate: '1',
  price: '100',
  volume: '2',
  fee: '0.1',
  actor: 'MM',
  exchangeName: 'BITSTAMP_BTC_USD',
};

const EDGE_CASES: Array<Partial<Raw>> = [
  {},
  { feeCurrency: null },
  { feeCurrency: '' },
  { feeCurrency: '  ' },
  { feeCurrency: 'btc' },
  { feeCurrency: null, priceCurrency: null },
  { feeCurrency: '', priceCurrency: 'eur', exchangeRate: '1.0850000000' },
  { priceCurrency: 'usd', exchangeRate: null },
  { priceCurrency: 'USD', exchangeRate: '0' },
  { priceCurrency: 'USD', exchangeRate: '-1.5' },
  { priceCurrency: 'EUR', exchangeRate: null },
  { priceCurrency: 'EUR', exchangeRate: '0' },
  { priceCurrency: 'EUR', exchangeRate: '-1.0850000000' },
  { priceCurrency: 'EUR', exchangeRate: '1.0850000000' },
  { priceCurrency: 'EUR', exchangeRate: '0.0000000001', price: '0.00000000000001' },
  { priceCurrency: null, exchangeRate: null },
  { volumeCurrency: 'btc' },
  { volumeCurrency: null },
  { volume: '0' },
  { volume: null },
  { price: null },
  { price: null, volume: null, fee: null },
  { fee: null },
  { actor: null },
  { actor: 'Mm' },
  { exchangeName: null },
  { exchangeName: 'gemini_btc_usd' },
  { tradeType: 'bid ' },
  { tradeType: '' },
  // extremes of DECIMAL(24,14) and DECIMAL(20,10)
  {
    price: '9999999999.99999999999999',
    volume: '0.00000000000001',
    fee: '-9999999999.99999999999999',
    priceCurrency: 'EUR',
    exchangeRate: '9999999999.9999999999',
  },
  { price: '0.00000000000001', volume: '9999999999.99999999999999' },
  { price: '-123.45678901234567', volume: '7', exchangeRate: '1.2345678901' },
  // quotients exactly half a unit of the 18th decimal: rounded away from zero
  { price: '0.00000000000001', volume: '20000' },
  { price: '-0.00000000000001', volume: '20000' },
  { price: '0.00000000000003', volume: '20000' },
  { price: '0.00000000000001', volume: '-20000' },
  { price: '0.00000000000007', volume: '200000000' },
  { price: '-0.00000000000001', volume: '200000000' },
  { price: '2', volume: '3' },
  { price: '1', volume: '7' },
];

const TYPES = [null, 'bid', 'BID', 'ASK', 'other'];
const SIDE_CASES: Array<Partial<Raw>> = TYPES.flatMap((tradeType) =>
  [null, 'BID', 'ASK', 'bid'].map((orderType) => ({ tradeType, orderType })),
);

/** mulberry32: deterministic, so a failure names the same row every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDecimal(next: () => number, intDigits: number, fracDigits: number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const int = digits(1 + Math.floor(next() * intDigits)).replace(/^0+(?=\d)/, '');
  const sign = next() < 0.2 ? '-' : '';
  return `${sign}${int}.${digits(fracDigits)}`;
}

function randomCases(n: number): Array<Partial<Raw>> {
  const next = prng(20240301);
  return Array.from({ length: n }, () => ({
    price: randomDecimal(next, 10, 14),
    volume: randomDecimal(next, next() < 0.5 ? 1 : 10, 14),
    fee: randomDecimal(next, 4, 14),
    exchangeRate: next() < 0.1 ? null : randomDecimal(next, 3, 10),
    priceCurrency: next() < 0.5 ? 'EUR' : 'usd',
  }));
}

const CASES: Raw[] = [...EDGE_CASES, ...SIDE_CASES, ...randomCases(400)].map((c) => ({
  ...BASE,
  ...c,
}));
/** Trade id of the fill without an order (its order_id is NULL: LEFT JOIN gives NULLs). */
const ORPHAN_ID = CASES.length + 1;

const fixed = (v: Fixed | null) => (v === null ? null : fixedToString(v, 36));
const decimal = (v: string | null) => (v === null ? null : fixed(parseFixed(v)));

function twins(r: Raw) {
  return {
    side: fillSide(r.tradeType, r.orderType),
    account: fillCode(r.exchangeName),
    actor: fillCode(r.actor),
    priceCurrency: fillCode(r.priceCurrency),
    volumeCurrency: fillCode(r.volumeCurrency),
    feeCurrency: fillFeeCurrency(r.feeCurrency, r.priceCurrency),
    usdRate: fixed(fillUsdRate(r.exchangeRate, r.priceCurrency)),
    volume: fixed(fillAmount(r.volume)),
    notional: fixed(fillAmount(r.price)),
    fee: fixed(fillAmount(r.fee)),
    notionalUsd: fixed(fillNotionalUsd(r.price, r.exchangeRate, r.priceCurrency)),
    unitPrice: fixed(fillUnitPrice(r.price, r.volume)),
  };
}

describe('fill rules: SQL on MariaDB = TypeScript twins', () => {
  let dbs: TestDatabases;
  let trading: Pool;
  let rows: RowDataPacket[];

  beforeAll(async () => {
    dbs = await createTestDatabases({ trading: true, dashboards: false });
    const w = await connectUrl(dbs.tradingWriteUrl!);
    const time = '2024-03-01 00:00:00';
    await w.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `exchange_name`) VALUES ?',
      [
        CASES.map((c, i) => [
          i + 1,
          'FILLED',
          c.orderType,
          `o${i + 1}`,
          c.actor,
          c.exchangeRate,
          time,
          c.exchangeName,
        ]),
      ],
    );
    await w.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, ' +
        '`price_currency`, `volume`, `volume_currency`, `order_id`) VALUES ?',
      [
        [...CASES, BASE].map((c, i) => [
          i + 1,
          c.tradeType,
          `t${i + 1}`,
          time,
          c.fee,
          c.feeCurrency,
          c.price,
          c.priceCurrency,
          c.volume,
          c.volumeCurrency,
          i + 1 === ORPHAN_ID ? null : i + 1,
        ]),
      ],
    );
    await w.end();
    trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 2);
    [rows] = await trading.query<RowDataPacket[]>(
      'SELECT t.`trade_id` AS id, t.`trade_type` AS tradeType, o.`order_type` AS orderType, ' +
        't.`fee_currency` AS feeCurrency, t.`price_currency` AS priceCurrency, t.`volume_currency` AS volumeCurrency, ' +
        'o.`exchange_rate` AS exchangeRate, t.`price` AS price, t.`volume` AS volume, t.`fee` AS fee, ' +
        'o.`actor` AS actor, o.`exchange_name` AS exchangeName, ' +
        `${FILL_SIDE_SQL} AS s_side, ${FILL_ACCOUNT_SQL} AS s_account, ${FILL_ACTOR_SQL} AS s_actor, ` +
        `${FILL_PRICE_CURRENCY_SQL} AS s_priceCurrency, ${FILL_VOLUME_CURRENCY_SQL} AS s_volumeCurrency, ` +
        `${FILL_FEE_CURRENCY_SQL} AS s_feeCurrency, ${FILL_USD_RATE_SQL} AS s_usdRate, ` +
        `${FILL_VOLUME_SQL} AS s_volume, ${FILL_NOTIONAL_SQL} AS s_notional, ${FILL_FEE_SQL} AS s_fee, ` +
        `${FILL_NOTIONAL_USD_SQL} AS s_notionalUsd, ${FILL_UNIT_PRICE_SQL} AS s_unitPrice ` +
        'FROM `trade` t LEFT JOIN `order` o ON o.`order_id` = t.`order_id` ORDER BY t.`trade_id`',
    );
  });

  afterAll(async () => {
    await trading?.end();
    await dbs?.drop();
  });

  it('stores every case, the fill without an order included', () => {
    expect(rows).toHaveLength(CASES.length + 1);
    const orphan = rows[ORPHAN_ID - 1];
    expect([orphan.orderType, orphan.actor, orphan.exchangeRate]).toEqual([null, null, null]);
  });

  it('agrees row by row, as exact decimals', () => {
    for (const r of rows) {
      const raw = r as unknown as Raw;
      const sql = {
        side: r.s_side,
        account: r.s_account,
        actor: r.s_actor,
        priceCurrency: r.s_priceCurrency,
        volumeCurrency: r.s_volumeCurrency,
        feeCurrency: r.s_feeCurrency,
        usdRate: decimal(r.s_usdRate),
        volume: decimal(r.s_volume),
        notional: decimal(r.s_notional),
        fee: decimal(r.s_fee),
        notionalUsd: decimal(r.s_notionalUsd),
        unitPrice: decimal(r.s_unitPrice),
      };
      expect(sql, `trade ${r.id}: ${JSON.stringify(raw)}`).toEqual(twins(raw));
    }
  });

  it('reads the columns back as inserted (the twins saw what the SQL saw)', () => {
    CASES.forEach((c, i) => {
      const r = rows[i];
      expect(
        [r.tradeType, r.orderType, r.feeCurrency, r.priceCurrency, r.actor, r.exchangeName],
        `trade ${i + 1}`,
      ).toEqual([
        c.tradeType,
        c.orderType,
        c.feeCurrency,
        c.priceCurrency,
        c.actor,
        c.exchangeName,
      ]);
      expect([decimal(r.price), decimal(r.volume), decimal(r.exchangeRate)]).toEqual([
        decimal(c.price),
        decimal(c.volume),
        decimal(c.exchangeRate),
      ]);
    });
  });

  it('gives unit prices 18 decimals (div_precision_increment = 4), rounded half away from zero', () => {
    const unit = rows.filter((r) => r.s_unitPrice !== null).map((r) => String(r.s_unitPrice));
    expect(unit.length).toBeGreaterThan(400);
    for (const u of unit) expect(u).toMatch(/^-?\d+\.\d{18}$/);
    const at = (price: string, volume: string) =>
      rows.find((r) => decimal(r.price) === price && decimal(r.volume) === volume)?.s_unitPrice;
    expect(at('0.00000000000001', '20000')).toBe('0.000000000000000001');
    expect(at('-0.00000000000001', '20000')).toBe('-0.000000000000000001');
    expect(at('0.00000000000003', '20000')).toBe('0.000000000000000002');
    expect(at('2', '3')).toBe('0.666666666666666667');
  });
});
