import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential } from '../core/env';
import { type Fixed, fixedToString, parseFixed } from '../core/money/fixed';
import { createTradingPool } from '../db/trading/client';
import {
  type FeeValueInput,
  fillFeeValue,
  fillFeeValueUsd,
  fillUnitValue,
  fillVolumeCurrencyFee,
} from './rules';
import {
  FILL_FEE_VALUE_SQL,
  FILL_FEE_VALUE_USD_SQL,
  FILL_UNIT_VALUE_SQL,
  FILL_VOLUME_CURRENCY_FEE_SQL,
} from './sql';

/**
 * The fee-valuation rules (a fee in the volume currency valued at a plausible fundamental
 * value, else the fill's unit price; in USD through the order's rate) on MariaDB = their
 * TypeScript twins, row by row: hand-picked cases and pseudo-random full-precision decimals.
 */
type Case = FeeValueInput;
const base: Case = {
  fee: '0.001',
  feeCurrency: 'BTC',
  priceCurrency: 'USD',
  volumeCurrency: 'BTC',
  notional: '52664.66',
  volume: '1',
  fundamentalValue: '52000',
  exchangeRate: '1',
};
const CASES: Case[] = [
  base,
  { ...base, fundamentalValue: '1' }, // Gryphon's placeholder: the unit price instead
  { ...base, fundamentalValue: null },
  { ...base, fundamentalValue: '0' },
  { ...base, fundamentalValue: '26332.33' }, // exactly 50 % away: plausible
  { ...base, fundamentalValue: '26332.32' },
  { ...base, volume: '0', notional: '0' }, // no unit price: the fundamental value as it is
  { ...base, volume: '0', notional: '0', fundamentalValue: null },
  { ...base, feeCurrency: 'USD', fee: '12.5' },
  { ...base, feeCurrency: null, fee: '12.5' },
  { ...base, feeCurrency: '', fee: '12.5' },
  { ...base, feeCurrency: 'usd', fee: '12.5' },
  { ...base, fee: '0' },
  { ...base, fee: null },
  { ...base, feeCurrency: 'ETH' }, // a third currency: not valued
  { ...base, priceCurrency: 'EUR', exchangeRate: '1.0850000000', feeCurrency: 'EUR', fee: '3.3' },
  { ...base, priceCurrency: 'EUR', exchangeRate: '1.0850000000' }, // BTC fee on a EUR fill, in USD
  { ...base, priceCurrency: 'EUR', exchangeRate: null }, // unrated: no USD value
  { ...base, priceCurrency: 'EUR', exchangeRate: '0', feeCurrency: 'EUR', fee: '3.3' },
  { ...base, priceCurrency: 'EUR', exchangeRate: '1.085', feeCurrency: 'USD', fee: '2' }, // a USD fee on a EUR fill
  { ...base, notional: '100', volume: '3', fundamentalValue: '33.33' }, // a repeating unit price
  { ...base, notional: '-5', volume: '1', fundamentalValue: '5' },
];
let seed = 11;
const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const digits = (intDigits: number, dec: number) =>
  `${Math.floor(rand() * 10 ** intDigits)}.${String(Math.floor(rand() * 10 ** Math.min(dec, 15))).padStart(Math.min(dec, 15), '0')}`;
for (let i = 0; i < 300; i++) {
  const usd = rand() < 0.5;
  CASES.push({
    fee: digits(3, 14),
    feeCurrency: rand() < 0.6 ? 'BTC' : usd ? 'USD' : 'EUR',
    priceCurrency: usd ? 'USD' : 'EUR',
    volumeCurrency: 'BTC',
    notional: digits(9, 14),
    volume: rand() < 0.05 ? '0' : digits(3, 14),
    fundamentalValue: rand() < 0.2 ? null : rand() < 0.3 ? '1' : digits(6, 10),
    exchangeRate: usd ? '1' : rand() < 0.1 ? null : digits(1, 10),
  });
}

describe('fee valuation: SQL on MariaDB = TypeScript twins', () => {
  let dbs: TestDatabases;
  let trading: Pool;
  let rows: RowDataPacket[];

  beforeAll(async () => {
    dbs = await createTestDatabases({ trading: true, dashboards: false });
    const w = await connectUrl(dbs.tradingWriteUrl!);
    const time = '2024-03-01 00:00:00';
    await w.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `exchange_rate`, `time_created`, `fundamental_value`) VALUES ?',
      [
        CASES.map((c, i) => [
          i + 1,
          'FILLED',
          'BID',
          `o${i}`,
          c.exchangeRate,
          time,
          c.fundamentalValue,
        ]),
      ],
    );
    await w.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, `price_currency`, `volume`, `volume_currency`, `order_id`) VALUES ?',
      [
        CASES.map((c, i) => [
          i + 1,
          'BID',
          `t${i}`,
          time,
          c.fee,
          c.feeCurrency,
          c.notional,
          c.priceCurrency,
          c.volume,
          c.volumeCurrency,
          i + 1,
        ]),
      ],
    );
    await w.end();
    trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 2);
    [rows] = await trading.query<RowDataPacket[]>(
      `SELECT t.\`trade_id\` AS id, ${FILL_UNIT_VALUE_SQL} AS unitValue, ${FILL_FEE_VALUE_SQL} AS feeValue, ` +
        `${FILL_FEE_VALUE_USD_SQL} AS feeValueUsd, ${FILL_VOLUME_CURRENCY_FEE_SQL} AS vcFee ` +
        'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ORDER BY t.`trade_id`',
    );
  });

  afterAll(async () => {
    await trading?.end();
    await dbs?.drop();
  });

  const text = (v: Fixed | null) => (v === null ? null : fixedToString(v, 36));
  const sql = (v: unknown) => (v === null ? null : fixedToString(parseFixed(String(v)), 36));

  it('agrees on every row, exactly', () => {
    expect(rows).toHaveLength(CASES.length);
    rows.forEach((r, i) => {
      const c = CASES[i];
      expect(
        {
          unitValue: sql(r.unitValue),
          feeValue: sql(r.feeValue),
          feeValueUsd: sql(r.feeValueUsd),
          vcFee: sql(r.vcFee),
        },
        JSON.stringify(c),
      ).toEqual({
        unitValue: text(fillUnitValue(c.notional, c.volume, c.fundamentalValue).value),
        feeValue: text(fillFeeValue(c)),
        feeValueUsd: text(fillFeeValueUsd(c)),
        vcFee: text(fillVolumeCurrencyFee(c)),
      });
    });
  });

  it('values the hand-picked cases as a reader expects', () => {
    const v = (i: number) => [sql(rows[i].feeValue), sql(rows[i].feeValueUsd)];
    expect(v(0)).toEqual(['52', '52']); // 0.001 BTC at the fundamental value 52,000
    expect(v(1)).toEqual(['52.66466', '52.66466']); // placeholder 1 USD: at the unit price
    expect(v(4)).toEqual(['26.33233', '26.33233']); // exactly 50 % away still counts
    expect(v(5)).toEqual(['52.66466', '52.66466']);
    expect(v(14)).toEqual([null, null]); // ETH fee on a BTC/USD fill
    expect(v(16)).toEqual(['52', '56.42']); // 52 EUR × 1.085
    expect(v(17)).toEqual(['52', null]); // no rate: no USD value
    expect(v(19)).toEqual([null, '2']); // a USD fee on a EUR fill: USD only
  });
});
