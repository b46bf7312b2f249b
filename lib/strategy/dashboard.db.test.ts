import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'mysql2/promise';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential } from '../core/env';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { BUILTIN_STRATEGIES } from '../config';
import type { StrategyConfig } from '../config/types';
import { loadStrategyDashboard } from './dashboard';
import { openingPosition } from './position';
import { readRollupMark } from '../rollup/read';
import { refreshRollup } from '../rollup/refresh';
import { listStrategyFills } from './queries';
import { fixedToString } from '../core/money/fixed';

/**
 * A hand-computed history for actor MM (stored in mixed case), BTC/USD:
 *   03-01 10:00 BID 1.0 for 100 (fee 1)      03-01 12:00 BID 0.5 for 55 (fee 0.5)
 *   03-01 14:00 ASK 0.2 for 24 (fee 0.2)     03-02 09:00 ASK 0.5 for 65 (fee 0.65)
 * Window [03-02 10:00, 03-03): BID 0.3 for 27 (fee 0.3) at 11:00, ASK 1.0 for 125 (fee 1.25) at 15:00.
 * Opening position 0.8: FIFO lots = 0.3 of the first bid (30, fee 0.3) + the second bid (55, 0.5).
 * Round trips: 0.3 (37.5 − 30), 0.5 (62.5 − 55), 0.2 (25 − 18): revenue 22, fees 2.25, profit 19.75.
 * Open: 0.1 bought for 9 (fee 0.1), marked at 120: unrealized 120 × 0.1 − 9 − 0.1 = 2.9.
 */
const ORDERS: Array<[number, string, string, string, string, string | null]> = [
  // id, status, type, actor, time, fundamental value
  [1, 'FILLED', 'BID', 'MM', '2024-03-01 10:00:00', null],
  [2, 'FILLED', 'BID', 'Mm', '2024-03-01 12:00:00', null],
  [3, 'FILLED', 'ASK', 'mm', '2024-03-01 14:00:00', null],
  [4, 'FILLED', 'ASK', 'MM', '2024-03-02 09:00:00', null],
  [5, 'FILLED', 'BID', 'MM', '2024-03-02 11:00:00', '118'],
  [6, 'CANCELLED', 'ASK', 'MM', '2024-03-02 12:00:00', '119'],
  [7, 'FILLED', 'ASK', 'MM', '2024-03-02 15:00:00', '120'],
  [8, 'FILLED', 'BID', 'OTHER', '2024-03-02 13:00:00', '1'],
];
const TRADES: Array<[number, string, string, string, string, string, number]> = [
  // id, type, time, volume, price (total), fee, order
  [1, 'BID', '2024-03-01 10:00:00', '1.0', '100', '1', 1],
  [2, 'BID', '2024-03-01 12:00:00', '0.5', '55', '0.5', 2],
  [3, 'ASK', '2024-03-01 14:00:00', '0.2', '24', '0.2', 3],
  [4, 'ASK', '2024-03-02 09:00:00', '0.5', '65', '0.65', 4],
  [5, 'BID', '2024-03-02 11:00:00', '0.3', '27', '0.3', 5],
  [6, 'BID', '2024-03-02 13:00:00', '5', '500', '5', 8],
  [7, 'ASK', '2024-03-02 15:00:00', '1.0', '125', '1.25', 7],
];

const MM: StrategyConfig = {
  ...BUILTIN_STRATEGIES.simple_mm,
  key: 'mm',
  displayName: 'MM',
  strategyActor: 'MM',
  positionGraphMin: undefined,
  positionGraphMax: undefined,
};
const WINDOW = { start: new Date('2024-03-02T10:00:00Z'), end: new Date('2024-03-03T00:00:00Z') };
const NOW = new Date('2024-03-10T00:00:00Z');

describe('strategy dashboard on MariaDB with Gryphon schema', () => {
  let dbs: TestDatabases;
  let trading: Pool;
  let dashboards: Pool;

  async function freshDashboards(): Promise<Pool> {
    const pool = createPool(parseDbCredential('T', dbs.dashboardsUrl!), 'dashboards', {
      connectionLimit: 4,
      sessionSetup: [],
    });
    await pool.query(
      'DROP TABLE IF EXISTS `rollup_fill`, `actor_catalog`, `sync_state`, `login_attempt`, `user`, `__drizzle_migrations`',
    );
    const conn = await connectUrl(dbs.dashboardsUrl!);
    await applyMigrations(conn, readMigrations());
    await conn.end();
    return pool;
  }

  beforeAll(async () => {
    dbs = await createTestDatabases({ trading: true, dashboards: true });
    const w = await connectUrl(dbs.tradingWriteUrl!);
    await w.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
        '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ?',
      [
        ORDERS.map(([id, status, type, actor, time, fv]) => [
          id,
          status,
          type,
          `o${id}`,
          actor,
          '1',
          time,
          'BITSTAMP_BTC_USD',
          '100',
          'USD',
          '1',
          'BTC',
          fv,
        ]),
      ],
    );
    await w.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, ' +
        '`price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
      [
        TRADES.map(([id, type, time, volume, price, fee, order]) => [
          id,
          type,
          `t${id}`,
          time,
          volume,
          'BTC',
          price,
          'USD',
          fee,
          'USD',
          order,
        ]),
      ],
    );
    await w.end();
    trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
    dashboards = await freshDashboards();
  });
  afterAll(async () => {
    await trading?.end();
    await dashboards?.end();
    await dbs?.drop();
  });

  it("reads the window's fills of the actor, case-insensitively, ordered by time then id", async () => {
    const rows = await listStrategyFills(trading, { actor: 'mM', ...WINDOW });
    expect(rows.map((r) => r.tradeId)).toEqual([5, 7]);
    expect(rows[0]).toMatchObject({
      side: 'BID',
      volume: '0.30000000000000',
      price: '27.00000000000000',
      time: '2024-03-02 11:00:00',
    });
  });

  it('computes the exact opening position without the rollup, and the same with it', async () => {
    const q = { actor: 'MM', volumeCurrency: 'BTC', at: WINDOW.start, mark: 0 };
    const before = await openingPosition(trading, dashboards, q);
    expect(fixedToString(before.position)).toBe('0.8');
    const rolled = await refreshRollup(trading, dashboards, { budgetMs: 10_000, now: NOW });
    expect(rolled).toMatchObject({ mark: 7, caughtUp: true });
    const mark = await readRollupMark(dashboards);
    const after = await openingPosition(trading, dashboards, { ...q, mark });
    expect(fixedToString(after.position)).toBe('0.8');
    // on a day boundary, and before everything
    for (const [at, expected] of [
      ['2024-03-02T00:00:00Z', '1.3'],
      ['2024-02-01T00:00:00Z', '0'],
    ]) {
      for (const m of [0, mark]) {
        const p = await openingPosition(trading, dashboards, { ...q, at: new Date(at), mark: m });
        expect(fixedToString(p.position)).toBe(expected);
      }
    }
  });

  it('computes the hand-checked FIFO figures, opening lots included', async () => {
    const d = await loadStrategyDashboard(MM, WINDOW, NOW, { trading, dashboards });
    expect(d.figures).toMatchObject({
      fillCount: 2,
      openingPosition: '0.8',
      closingPosition: '0.1',
      totalVolume: '1.3',
      matchedVolume: '1',
      revenue: '22',
      fees: '2.25',
      profit: '19.75',
      openPosition: '0.1',
      markPrice: '120',
      // 120 is within 50 % of the pair's latest fill before the window end (trade 7, 125/BTC)
      markSource: 'fundamental',
      unrealizedPnl: '2.9',
      placeholderFundamentalFills: 0,
    });
    expect(d.trades.discs).toMatchObject({ side: ['BID', 'ASK'], orderId: [5, 7] });
    expect(d.series.position.v).toEqual([0.8, 1.1, 0.1]);
    expect(d.notes).toEqual([]);
  });

  it('stays exact for fills that arrive after the rollup, on an already rolled-up day', async () => {
    const w = await connectUrl(dbs.tradingWriteUrl!);
    await w.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, `price_currency`, `fee`, `fee_currency`, `order_id`) ' +
        "VALUES (50, 'ASK', 't50', '2024-03-01 16:00:00', '0.1', 'BTC', '12', 'USD', '0', 'USD', 3)",
    );
    await w.end();
    const p = await openingPosition(trading, dashboards, {
      actor: 'MM',
      volumeCurrency: 'BTC',
      at: WINDOW.start,
      mark: await readRollupMark(dashboards),
    });
    expect(fixedToString(p.position)).toBe('0.7');
  });

  it('shows an empty window as zeros', async () => {
    const d = await loadStrategyDashboard(
      MM,
      { start: new Date('2024-01-01T00:00:00Z'), end: new Date('2024-01-02T00:00:00Z') },
      NOW,
      { trading, dashboards },
    );
    expect(d.figures).toMatchObject({
      fillCount: 0,
      openingPosition: '0',
      closingPosition: '0',
      revenue: '0',
      fees: '0',
      profit: '0',
      unrealizedPnl: '0',
    });
    expect(d.trades.discs.t).toEqual([]);
    expect(d.figures).toMatchObject({ markPrice: null, markSource: null });
    expect(d.notes).toEqual([]);
  });

  /**
   * Actor HARNESS on GEMINI_BTC_USD, every order with Gryphon's harness placeholder
   * fundamental_value 1 USD. Window [04-02, 04-03):
   *   01:00 BID 1.0 for 50,000 (fee 0.001 BTC)     05:00 ASK 0.5 for 26,000 (fee 0.0005 BTC)
   *   20:00 a cancelled BID: the latest order in the window (fundamental value 1)
   * Other fills: 22:00 TAKER ASK 0.1 for 5,266.466 on GEMINI (the pair's latest: 52,664.66/BTC);
   * 23:00 TAKER 0.1 for 100 on BITSTAMP (another pair); 04-03 00:00 TAKER 0.1 for 9,999 on
   * GEMINI (at the exclusive end: out).
   * BTC fees at the fills' own prices: 0.001 × 50,000 = 50 and 0.0005 × 52,000 = 26.
   * Round trip 0.5: revenue 26,000 − 25,000 = 1,000, fees 25 + 26 = 51, profit 949.
   * Open 0.5 bought for 25,000 (fee 25), marked at 52,664.66:
   *   unrealized 0.5 × 52,664.66 − 25,000 − 25 = 26,332.33 − 25,025 = 1,307.33
   *   (at the placeholder it would have been 0.5 − 25,025 = −25,024.5).
   * Window [04-04, 04-05): BID 0.1 for 5,300 at 09:00, then at 10:00 a cancelled order on a
   * pair with no fills (NOWHERE_BTC_USD): the reference is the strategy's own latest fill,
   * 53,000. Open 0.5 (25,000, fee 25) + 0.1 (5,300): 0.6 × 53,000 − 30,325 = 1,475.
   */
  describe('placeholder fundamental values', () => {
    const HARNESS: StrategyConfig = {
      ...MM,
      key: 'harness',
      displayName: 'Harness',
      strategyActor: 'HARNESS',
    };
    const ORDERS_FV1: Array<[number, string, string, string, string, string]> = [
      // id, status, type, actor, time, exchange
      [101, 'FILLED', 'BID', 'HARNESS', '2024-04-02 01:00:00', 'GEMINI_BTC_USD'],
      [102, 'FILLED', 'ASK', 'HARNESS', '2024-04-02 05:00:00', 'GEMINI_BTC_USD'],
      [103, 'CANCELLED', 'BID', 'HARNESS', '2024-04-02 20:00:00', 'GEMINI_BTC_USD'],
      [104, 'FILLED', 'ASK', 'TAKER', '2024-04-02 22:00:00', 'GEMINI_BTC_USD'],
      [105, 'FILLED', 'BID', 'TAKER', '2024-04-02 23:00:00', 'BITSTAMP_BTC_USD'],
      [106, 'FILLED', 'BID', 'TAKER', '2024-04-03 00:00:00', 'GEMINI_BTC_USD'],
      [107, 'FILLED', 'BID', 'HARNESS', '2024-04-04 09:00:00', 'GEMINI_BTC_USD'],
      [108, 'CANCELLED', 'ASK', 'HARNESS', '2024-04-04 10:00:00', 'NOWHERE_BTC_USD'],
    ];
    const TRADES_FV1: Array<
      [number, string | null, string, string, string, string, string, number]
    > = [
      // id, type, time, volume, price (total), fee, fee currency, order
      [201, 'BID', '2024-04-02 01:00:00', '1.0', '50000', '0.001', 'BTC', 101],
      [202, 'ASK', '2024-04-02 05:00:00', '0.5', '26000', '0.0005', 'BTC', 102],
      // NULL trade_type (side from the order) and a fee in a third currency: only the price is read
      [203, null, '2024-04-02 22:00:00', '0.1', '5266.466', '0.01', 'ETH', 104],
      [204, 'BID', '2024-04-02 23:00:00', '0.1', '100', '0', 'USD', 105],
      [205, 'BID', '2024-04-03 00:00:00', '0.1', '9999', '0', 'USD', 106],
      [206, 'BID', '2024-04-04 09:00:00', '0.1', '5300', '0', 'USD', 107],
    ];

    beforeAll(async () => {
      const w = await connectUrl(dbs.tradingWriteUrl!);
      await w.query(
        'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `exchange_name`, ' +
          '`price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`, `fundamental_value_currency`) VALUES ?',
        [
          ORDERS_FV1.map(([id, status, type, actor, time, exchange]) => [
            id,
            status,
            type,
            `o${id}`,
            actor,
            '1',
            time,
            exchange,
            '50000',
            'USD',
            '1',
            'BTC',
            '1',
            'USD',
          ]),
        ],
      );
      await w.query(
        'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, ' +
          '`price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
        [
          TRADES_FV1.map(([id, type, time, volume, price, fee, feeCur, order]) => [
            id,
            type,
            `t${id}`,
            time,
            volume,
            'BTC',
            price,
            'USD',
            fee,
            feeCur,
            order,
          ]),
        ],
      );
      await w.end();
    });

    it("marks the open position at the pair's latest fill, and values BTC fees at the fills' prices", async () => {
      const d = await loadStrategyDashboard(
        HARNESS,
        { start: new Date('2024-04-02T00:00:00Z'), end: new Date('2024-04-03T00:00:00Z') },
        NOW,
        { trading, dashboards },
      );
      expect(d.figures).toMatchObject({
        fillCount: 2,
        openingPosition: '0',
        closingPosition: '0.5',
        matchedVolume: '0.5',
        revenue: '1000',
        fees: '51',
        profit: '949',
        openPosition: '0.5',
        markPrice: '52664.66',
        markSource: 'fill',
        unrealizedPnl: '1307.33',
        placeholderFundamentalFills: 2,
      });
      expect(d.notes).toEqual([
        "2 fills have a fee in BTC whose order's fundamental value is a placeholder far from the fill's price: that fee is valued at the fill's own price instead.",
        "The latest order's fundamental value (USD 1.00) is a placeholder far from the fills' prices (USD 52,664.66): the open position is marked at the pair's latest fill price instead.",
      ]);
    });

    it("falls back to the strategy's own latest fill when the order's pair has no fill", async () => {
      const d = await loadStrategyDashboard(
        HARNESS,
        { start: new Date('2024-04-04T00:00:00Z'), end: new Date('2024-04-05T00:00:00Z') },
        NOW,
        { trading, dashboards },
      );
      expect(d.figures).toMatchObject({
        fillCount: 1,
        openingPosition: '0.5',
        closingPosition: '0.6',
        revenue: '0',
        fees: '0',
        openPosition: '0.6',
        markPrice: '53000',
        markSource: 'fill',
        unrealizedPnl: '1475',
        placeholderFundamentalFills: 0,
      });
      expect(d.notes).toEqual([
        "The latest order's fundamental value (USD 1.00) is a placeholder far from the fills' prices (USD 53,000.00): the open position is marked at the strategy's latest fill price in this window instead.",
      ]);
    });
  });

  /**
   * Fills with a NULL trade_type take their order's side (lib/fills, as the ledger and fund
   * read them); an empty or NULL fee currency is the price currency. Actor NULLSIDE, BTC/USD:
   *   05-01 10:00 order BID, fill 1.0 for 100 (fee 1, fee currency '')
   *   05-01 12:00 order ASK, fill 0.4 for 48 (fee 0.48, fee currency NULL)
   *   05-02 10:00 order BID, fill 0.5 for 55 (fee 0)
   * Window [05-01, 05-02): round trip 0.4, revenue 48 − 40 = 8, fees 0.4 + 0.48 = 0.88.
   * Position at 05-02 12:00: 1.0 − 0.4 + 0.5 = 1.1, live and from the daily checkpoints.
   */
  describe('fills with a NULL trade_type', () => {
    const NULLSIDE: StrategyConfig = {
      ...MM,
      key: 'nullside',
      displayName: 'NullSide',
      strategyActor: 'NULLSIDE',
    };
    const FILLS: Array<[number, string, string, string, string, string, string | null]> = [
      // id, order type, time, volume, price (total), fee, fee currency
      [301, 'BID', '2024-05-01 10:00:00', '1.0', '100', '1', ''],
      [302, 'ASK', '2024-05-01 12:00:00', '0.4', '48', '0.48', null],
      [303, 'BID', '2024-05-02 10:00:00', '0.5', '55', '0', 'USD'],
    ];

    beforeAll(async () => {
      const w = await connectUrl(dbs.tradingWriteUrl!);
      await w.query(
        'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
          '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ?',
        [
          FILLS.map(([id, type, time]) => [
            id,
            'FILLED',
            type,
            `o${id}`,
            'NullSide',
            '1',
            time,
            'KRAKEN_BTC_USD',
            '100',
            'USD',
            '1',
            'BTC',
            '120',
          ]),
        ],
      );
      await w.query(
        'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, ' +
          '`price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
        [
          FILLS.map(([id, , time, volume, price, fee, feeCur]) => [
            id,
            null,
            `t${id}`,
            time,
            volume,
            'BTC',
            price,
            'USD',
            fee,
            feeCur,
            id,
          ]),
        ],
      );
      await w.end();
    });

    it('reads the side from the order and an empty fee currency as the price currency', async () => {
      const rows = await listStrategyFills(trading, {
        actor: 'NULLSIDE',
        start: new Date('2024-05-01T00:00:00Z'),
        end: new Date('2024-05-03T00:00:00Z'),
      });
      expect(rows.map((r) => [r.tradeId, r.side, r.feeCurrency])).toEqual([
        [301, 'BID', 'USD'],
        [302, 'ASK', 'USD'],
        [303, 'BID', 'USD'],
      ]);
    });

    it('counts them in the figures', async () => {
      const d = await loadStrategyDashboard(
        NULLSIDE,
        { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-02T00:00:00Z') },
        NOW,
        { trading, dashboards },
      );
      expect(d.figures).toMatchObject({
        fillCount: 2,
        openingPosition: '0',
        closingPosition: '0.6',
        totalVolume: '1.4',
        matchedVolume: '0.4',
        revenue: '8',
        fees: '0.88',
        profit: '7.12',
      });
      expect(d.trades.discs.side).toEqual(['BID', 'ASK']);
    });

    it('counts them in the opening position, live and from the rollup', async () => {
      const q = {
        actor: 'NULLSIDE',
        volumeCurrency: 'BTC',
        at: new Date('2024-05-02T12:00:00Z'),
        mark: 0,
      };
      expect(fixedToString((await openingPosition(trading, dashboards, q)).position)).toBe('1.1');
      await refreshRollup(trading, dashboards, {
        budgetMs: 10_000,
        now: new Date('2024-06-01T00:00:00Z'),
      });
      const [days] = await dashboards.query(
        "SELECT `bucket`, `side`, `volume`, `fill_count` FROM `rollup_fill` WHERE `actor` = 'NULLSIDE' AND `level` = 3 ORDER BY `bucket`, `side`",
      );
      expect(days).toEqual([
        { bucket: '2024-05-01 00:00:00', side: 'ASK', volume: '0.40000000000000', fill_count: 1 },
        { bucket: '2024-05-01 00:00:00', side: 'BID', volume: '1.00000000000000', fill_count: 1 },
        { bucket: '2024-05-02 00:00:00', side: 'BID', volume: '0.50000000000000', fill_count: 1 },
      ]);
      const mark = await readRollupMark(dashboards);
      expect(
        fixedToString((await openingPosition(trading, dashboards, { ...q, mark })).position),
      ).toBe('1.1');
      expect(
        fixedToString(
          (
            await openingPosition(trading, dashboards, {
              ...q,
              mark,
              at: new Date('2024-05-02T00:00:00Z'),
            })
          ).position,
        ),
      ).toBe('0.6');
    });
  });
});
