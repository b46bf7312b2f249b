import type mysql from 'mysql2/promise';

/**
 * A small history worked by hand in docs/quality.md (the unit tests' example on real rows), on
 * 2024-06-01, pair QTEST_BTC_USD (USD price, BTC volume), actor QUALITYMM:
 *   11:59:50  ours  BID 99 × 2     FV 1 (placeholder)  filled at 12:00:00 (fill BID 2 @ 99)
 *   11:59:50  ours  ASK 101 × 2    FV 1                one fill ASK 1 @ 101 at 12:00:20, cancelled 14:00
 *   12:00:00  ours  BID 99.5 × 1   FV 1                cancelled untouched at 12:05:00
 *   12:30:00  OTHERDESK ASK 103    FV 102              cancelled 12:30:01
 * Reference: the placeholder is implausible, so our quote mid (100.25 from 12:00 to 12:05), then
 * the last fill (101), then FV 102 from 12:30. Markouts × volume: bid 2.5 at 0 to 1 min, 4 at
 * 5 min, 6 at 1 h; ask 0.75, 0.75, 0.75, 0.75, 0, −1. Decomposition: revenue 5 = spread 3.25 +
 * inventory 1.75; no fees. Quoting: 3 placed, 1 filled, 1 partly, 1 cancelled untouched;
 * two-sided over [11:59:50, 12:05:00) = 310 s of the day, spread 2 for 10 s then 1.5.
 */
export const WORKED_ACTOR = 'QUALITYMM';
export const WORKED_EXCHANGE = 'QTEST_BTC_USD';
export const WORKED_DAY = '2024-06-01';

export async function insertWorkedHistory(
  conn: mysql.Connection | mysql.Pool,
  ids: { order: number; trade: number },
): Promise<void> {
  const d = (hms: string) => `${WORKED_DAY} ${hms}`;
  // id, status, type, actor, created, executed, price, volume, fv
  const orders: Array<
    [number, string, string, string, string, string | null, string, string, string]
  > = [
    [ids.order, 'FILLED', 'BID', WORKED_ACTOR, d('11:59:50'), d('12:00:00'), '99', '2', '1'],
    [
      ids.order + 1,
      'CANCELLED',
      'ASK',
      WORKED_ACTOR,
      d('11:59:50'),
      d('14:00:00'),
      '101',
      '2',
      '1',
    ],
    [
      ids.order + 2,
      'CANCELLED',
      'BID',
      WORKED_ACTOR,
      d('12:00:00'),
      d('12:05:00'),
      '99.5',
      '1',
      '1',
    ],
    [
      ids.order + 3,
      'CANCELLED',
      'ASK',
      'OTHERDESK',
      d('12:30:00'),
      d('12:30:01'),
      '103',
      '1',
      '102',
    ],
  ];
  await conn.query(
    'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `time_executed`, ' +
      '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`, `fundamental_value_currency`) VALUES ?',
    [
      orders.map(([id, status, type, actor, created, executed, price, volume, fv]) => [
        id,
        status,
        type,
        `q${id}`,
        actor,
        '1',
        created,
        executed,
        WORKED_EXCHANGE,
        price,
        'USD',
        volume,
        'BTC',
        fv,
        'USD',
      ]),
    ],
  );
  await conn.query(
    'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, `price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
    [
      [
        [
          ids.trade,
          'BID',
          `qt${ids.trade}`,
          d('12:00:00'),
          '2',
          'BTC',
          '198',
          'USD',
          '0',
          'USD',
          ids.order,
        ],
        [
          ids.trade + 1,
          'ASK',
          `qt${ids.trade + 1}`,
          d('12:00:20'),
          '1',
          'BTC',
          '101',
          'USD',
          '0',
          'USD',
          ids.order + 1,
        ],
      ],
    ],
  );
}
