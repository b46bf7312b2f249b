import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { RawStrategyFillRow } from './domain/fills';
import { toDbDate } from '../db/db-time';

/**
 * Read-only queries behind the strategy dashboard. Actors compare case-insensitively (UPPER on
 * both sides), as MySQL's default collation made them in Gryphon; no index is lost by it, since
 * Gryphon's `order` has no index on `actor` and every query here is driven by
 * `trade.time_created` or the primary keys.
 */
const fillColumns = (side: string) =>
  `t.\`trade_id\`, t.\`order_id\`, t.\`time_created\`, ${side}, t.\`volume\`, t.\`volume_currency\`, t.\`price\`, ` +
  't.`price_currency`, t.`fee`, t.`fee_currency`, o.`exchange_rate`, o.`fundamental_value`, o.`exchange_name`';
const FILL_COLUMNS = fillColumns('t.`trade_type`');

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
  string | null,
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
      'WHERE t.`time_created` >= ? AND t.`time_created` < ? AND UPPER(o.`actor`) = ? ' +
      'ORDER BY t.`time_created`, t.`trade_id`',
    values: [toDbDate(q.start), toDbDate(q.end), q.actor.toUpperCase()],
    rowsAsArray: true,
  });
  return (rows as unknown as FillTuple[]).map(toRow);
}

/**
 * Same-side fills of the actor in [from, before), newest first: the candidates for the lots
 * open at `before` (see lib/strategy/domain/opening-lots.ts).
 */
export async function listSameSideFillsNewestFirst(
  pool: Pool,
  q: { actor: string; volumeCurrency: string; side: 'BID' | 'ASK'; from: Date; before: Date },
): Promise<RawStrategyFillRow[]> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT ${FILL_COLUMNS} FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\` ` +
      'WHERE t.`time_created` >= ? AND t.`time_created` < ? AND UPPER(o.`actor`) = ? ' +
      'AND t.`trade_type` = ? AND UPPER(t.`volume_currency`) = ? ' +
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
 * first match; the side is COALESCE(trade_type, order_type) since a NULL trade_type would not
 * parse and the side does not matter for a price. Looks back at most PAIR_LOOKBACK_MS: a pair
 * with no fill for that long has no current price to check against, and the walk stays short.
 */
const PAIR_LOOKBACK_MS = 30 * 24 * 3600 * 1000;
export async function latestFillOfPair(
  pool: Pool,
  q: { exchangeName: string; volumeCurrency: string; before: Date },
): Promise<RawStrategyFillRow | null> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT ${fillColumns('COALESCE(t.`trade_type`, o.`order_type`)')} ` +
      'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
      'WHERE t.`time_created` < ? AND t.`time_created` >= ? AND o.`exchange_name` = ? AND UPPER(t.`volume_currency`) = ? ' +
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

type Sums = Map<string, { bid: string; ask: string }>;

/** Bid and ask volume per volume currency of the actor's fills matching `where` (the trade filter). */
async function sumSides(
  pool: Pool,
  actor: string,
  where: string,
  values: unknown[],
): Promise<Sums> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT UPPER(t.`volume_currency`) AS cur, ' +
      "COALESCE(SUM(CASE WHEN t.`trade_type` = 'BID' THEN t.`volume` END), 0) AS bid, " +
      "COALESCE(SUM(CASE WHEN t.`trade_type` = 'ASK' THEN t.`volume` END), 0) AS ask " +
      `FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\` WHERE ${where} AND UPPER(o.\`actor\`) = ? GROUP BY cur`,
    [...values, actor.toUpperCase()],
  );
  return new Map(rows.map((r) => [String(r.cur), { bid: String(r.bid), ask: String(r.ask) }]));
}

/** Sums over the actor's fills in [from, before). */
export function sumPositionBetween(
  pool: Pool,
  q: { actor: string; from: Date; before: Date },
): Promise<Sums> {
  return sumSides(pool, q.actor, 't.`time_created` >= ? AND t.`time_created` < ?', [
    toDbDate(q.from),
    toDbDate(q.before),
  ]);
}

/** Same sums over trade ids above `afterTradeId` created before `before` (fills newer than a checkpoint). */
export function sumPositionAfterId(
  pool: Pool,
  q: { actor: string; afterTradeId: number; before: Date },
): Promise<Sums> {
  return sumSides(pool, q.actor, 't.`trade_id` > ? AND t.`time_created` < ?', [
    q.afterTradeId,
    toDbDate(q.before),
  ]);
}
