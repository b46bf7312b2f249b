import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { RawStrategyFillRow } from '../fills/strategy-fills';
import { toDbDate } from '../db/db-time';
import {
  FILL_ACTOR_SQL,
  FILL_FEE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
} from '../fills/sql';

/**
 * Read-only queries behind the strategy dashboard. Actors compare case-insensitively (UPPER on
 * both sides), as MySQL's default collation made them in Gryphon; no index is lost by it, since
 * Gryphon's `order` has no index on `actor` and every query here is driven by
 * `trade.time_created` or the primary keys. Sides and fee currencies follow lib/fills/sql.ts,
 * as on every page: a NULL trade_type takes its order's side, an empty fee currency is the
 * price currency.
 */
const FILL_COLUMNS =
  `t.\`trade_id\`, t.\`order_id\`, t.\`time_created\`, ${FILL_SIDE_SQL}, t.\`volume\`, t.\`volume_currency\`, t.\`price\`, ` +
  `t.\`price_currency\`, t.\`fee\`, ${FILL_FEE_CURRENCY_SQL}, o.\`exchange_rate\`, o.\`fundamental_value\`, o.\`exchange_name\``;
const OF_ACTOR = `${FILL_ACTOR_SQL} = ?`;

type FillTuple = [
  number,
  number,
  string,
  string,
  string,
  string,
  string,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
];

function toRow(r: FillTuple): RawStrategyFillRow {
  return {
    tradeId: r[0],
    orderId: r[1],
    time: r[2],
    side: r[3],
    volume: r[4] ?? '0',
    volumeCurrency: r[5],
    price: r[6] ?? '0',
    priceCurrency: r[7],
    fee: r[8],
    feeCurrency: r[9],
    exchangeRate: r[10],
    fundamentalValue: r[11],
    exchangeName: r[12],
  };
}

/**
 * The strategy's fills in [start, end), ordered by (time, trade id). Rows come as arrays
 * (rowsAsArray): a million-fill window is a million rows, and arrays cost a fraction of objects.
 */
export async function listStrategyFills(
  pool: Pool,
  q: { actor: string; start: Date; end: Date },
): Promise<RawStrategyFillRow[]> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT ${FILL_COLUMNS} FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\` ` +
      `WHERE t.\`time_created\` >= ? AND t.\`time_created\` < ? AND ${OF_ACTOR} ` +
      'ORDER BY t.`time_created`, t.`trade_id`',
    values: [toDbDate(q.start), toDbDate(q.end), q.actor.toUpperCase()],
    rowsAsArray: true,
  });
  return (rows as unknown as FillTuple[]).map(toRow);
}

/**
 * Same-side fills of the actor in [from, before), newest first: the candidates for the lots
 * open at `before` (see lib/fills/opening-lots.ts).
 */
export async function listSameSideFillsNewestFirst(
  pool: Pool,
  q: { actor: string; volumeCurrency: string; side: 'BID' | 'ASK'; from: Date; before: Date },
): Promise<RawStrategyFillRow[]> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT ${FILL_COLUMNS} FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\` ` +
      `WHERE t.\`time_created\` >= ? AND t.\`time_created\` < ? AND ${OF_ACTOR} ` +
      `AND ${FILL_SIDE_SQL} = ? AND ${FILL_VOLUME_CURRENCY_SQL} = ? ` +
      'ORDER BY t.`time_created` DESC, t.`trade_id` DESC',
    values: [
      toDbDate(q.from),
      toDbDate(q.before),
      q.actor.toUpperCase(),
      q.side,
      q.volumeCurrency.toUpperCase(),
    ],
    rowsAsArray: true,
  });
  return (rows as unknown as FillTuple[]).map(toRow);
}

/**
 * The actor's latest order in [start, end): its fundamental value marks the open position when
 * plausible against the latest fill of its pair (`exchangeName`, see latestFillOfPair).
 */
export async function latestOrderInWindow(
  pool: Pool,
  q: { actor: string; start: Date; end: Date },
): Promise<{
  fundamentalValue: string | null;
  priceCurrency: string | null;
  exchangeRate: string | null;
  exchangeName: string | null;
} | null> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT `fundamental_value`, `price_currency`, `exchange_rate`, `exchange_name` FROM `order` ' +
      'WHERE `time_created` >= ? AND `time_created` < ? AND UPPER(`actor`) = ? ' +
      'ORDER BY `time_created` DESC, `order_id` DESC LIMIT 1',
    [toDbDate(q.start), toDbDate(q.end), q.actor.toUpperCase()],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    fundamentalValue: r.fundamental_value,
    priceCurrency: r.price_currency,
    exchangeRate: r.exchange_rate,
    exchangeName: r.exchange_name,
  };
}

/**
 * The latest fill of a pair (`order.exchange_name`), any actor, created before `before`
 * (exclusive, as window ends are), in `volumeCurrency`: the reference price a fundamental value
 * is checked against. Walks the `trade.time_created` index from `before` down and stops at the
 * first match; the side does not matter for a price. Looks back at most PAIR_LOOKBACK_MS: a pair
 * with no fill for that long has no current price to check against, and the walk stays short.
 */
const PAIR_LOOKBACK_MS = 30 * 24 * 3600 * 1000;
export async function latestFillOfPair(
  pool: Pool,
  q: { exchangeName: string; volumeCurrency: string; before: Date },
): Promise<RawStrategyFillRow | null> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT ${FILL_COLUMNS} ` +
      'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
      `WHERE t.\`time_created\` < ? AND t.\`time_created\` >= ? AND o.\`exchange_name\` = ? AND ${FILL_VOLUME_CURRENCY_SQL} = ? ` +
      'ORDER BY t.`time_created` DESC, t.`trade_id` DESC LIMIT 1',
    values: [
      toDbDate(q.before),
      toDbDate(new Date(q.before.getTime() - PAIR_LOOKBACK_MS)),
      q.exchangeName,
      q.volumeCurrency.toUpperCase(),
    ],
    rowsAsArray: true,
  });
  return rows.length === 0 ? null : toRow(rows[0] as unknown as FillTuple);
}

/** The actor's newest fill in [start, end) in `volumeCurrency` (walks the time index down). */
export async function latestStrategyFill(
  pool: Pool,
  q: { actor: string; volumeCurrency: string; start: Date; end: Date },
): Promise<RawStrategyFillRow | null> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT ${FILL_COLUMNS} FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\` ` +
      `WHERE t.\`time_created\` >= ? AND t.\`time_created\` < ? AND ${OF_ACTOR} AND ${FILL_VOLUME_CURRENCY_SQL} = ? AND t.\`volume\` > 0 ` +
      'ORDER BY t.`time_created` DESC, t.`trade_id` DESC LIMIT 1',
    values: [
      toDbDate(q.start),
      toDbDate(q.end),
      q.actor.toUpperCase(),
      q.volumeCurrency.toUpperCase(),
    ],
    rowsAsArray: true,
  });
  return rows.length === 0 ? null : toRow(rows[0] as unknown as FillTuple);
}

/**
 * latestFillOfPair without the walk: that walk reads every fill (of any pair) between `before`
 * and the pair's latest fill, up to PAIR_LOOKBACK_MS of them (measured 0.3-0.6 s when the
 * window's latest order is on a pair that has not filled for a day of a busy history). Here
 * the rollup's newest minute with a fill of the pair (`rollup_fill`'s account index) is found
 * first, and only that minute is read, with the instant's own partial minute and the fills
 * above the rollup's mark (not rolled up yet); the newest of those is the answer. When that
 * minute holds no such fill any more (a fill deleted since it was rolled up), the walk answers.
 */
export async function latestFillOfPairFromRollup(
  trading: Pool,
  dashboards: Pool,
  q: { exchangeName: string; volumeCurrency: string; before: Date; mark: number },
): Promise<RawStrategyFillRow | null> {
  const before = q.before.getTime();
  const lookback = before - PAIR_LOOKBACK_MS;
  const minute = Math.floor(before / 60_000) * 60_000;
  const newest = async (where: string, params: unknown[]): Promise<FillTuple | null> => {
    const [rows] = await pool(trading, where, params);
    return rows.length === 0 ? null : (rows[0] as unknown as FillTuple);
  };
  const pool = (p: Pool, where: string, params: unknown[]) =>
    p.query<RowDataPacket[]>({
      sql:
        `SELECT ${FILL_COLUMNS} FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\` ` +
        `WHERE ${where} AND t.\`time_created\` >= ? AND t.\`time_created\` < ? AND o.\`exchange_name\` = ? AND ${FILL_VOLUME_CURRENCY_SQL} = ? ` +
        'ORDER BY t.`time_created` DESC, t.`trade_id` DESC LIMIT 1',
      values: [...params, q.exchangeName, q.volumeCurrency.toUpperCase()],
      rowsAsArray: true,
    });
  const range = (from: number, to: number) => [
    toDbDate(new Date(Math.max(from, lookback))),
    toDbDate(new Date(Math.min(to, before))),
  ];
  const [[found], above, tail] = await Promise.all([
    dashboards.query<RowDataPacket[]>(
      // Newest first down the account index, stopping at the first match (MAX() would read
      // every row of the range to check the currency).
      'SELECT `bucket` AS b FROM `rollup_fill` FORCE INDEX (`rollup_fill_account`) WHERE `account` = ? AND `level` = 1 ' +
        'AND `bucket` >= ? AND `bucket` < ? AND `volume_currency` = ? AND `fill_count` > 0 ORDER BY `bucket` DESC LIMIT 1',
      [
        q.exchangeName.toUpperCase(),
        toDbDate(new Date(Math.floor(lookback / 60_000) * 60_000)),
        toDbDate(new Date(minute)),
        q.volumeCurrency.toUpperCase(),
      ],
    ),
    newest('t.`trade_id` > ?', [q.mark, ...range(lookback, before)]),
    newest('1', range(minute, before)),
  ]);
  let inBucket: FillTuple | null = null;
  if (found[0]?.b) {
    const b = Date.parse(`${String(found[0].b).replace(' ', 'T')}Z`);
    inBucket = await newest('1', range(b, b + 60_000));
    if (inBucket === null) return latestFillOfPair(trading, q);
  }
  const later = (a: FillTuple | null, b: FillTuple | null) =>
    a === null ? b : b === null ? a : a[2] > b[2] || (a[2] === b[2] && a[0] > b[0]) ? a : b;
  const best = later(later(tail, above), inBucket);
  return best === null ? null : toRow(best);
}
