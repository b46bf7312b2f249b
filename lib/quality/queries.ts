import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';
import { type Fixed, parseFixedOrZero } from '../core/money/fixed';
import { FILL_ACCOUNT_SQL, FILL_UNIT_PRICE_SQL } from '../fills/sql';
import { fillSide } from '../fills/rules';
import {
  FILL_MAX_AGE_MS,
  type OwnQuote,
  type PairFill,
  type PairOrder,
  fundamentalInPriceCurrency,
} from './domain/reference-price';

/**
 * Read-only queries behind the quality view (docs/quality.md). Every one is driven by a
 * `time_created` index (trade or order) or a primary key; exchanges compare as stored
 * (`order.exchange_name`, the index), actors case-insensitively as everywhere.
 */
const ms = (v: string | Date): number => parseDbDate(v)!.getTime();
const fixedOrNull = (v: string | null): Fixed | null => (v === null ? null : parseFixedOrZero(v));

/** One of our orders: a quote for the reference and uptime, a placed order for quoting. */
export interface OwnOrder extends OwnQuote {
  orderId: number;
  exchange: string;
  volume: Fixed;
  filledVolume: Fixed;
}

/** The columns of an own order, its filled volume (Σ trade.volume) last. */
export const OWN_ORDER_COLUMNS_SQL =
  'o.`order_id`, o.`time_created`, o.`time_executed`, o.`order_type`, o.`price`, o.`volume`, ' +
  "COALESCE(o.`exchange_name`, ''), " +
  'COALESCE((SELECT SUM(t.`volume`) FROM `trade` t WHERE t.`order_id` = o.`order_id`), 0)';

/** listOwnOrders' statement (exported for its test). */
export const OWN_ORDERS_SQL =
  `SELECT ${OWN_ORDER_COLUMNS_SQL} ` +
  'FROM `order` o FORCE INDEX (`time_created`) ' +
  'WHERE o.`time_created` >= ? AND o.`time_created` < ? AND UPPER(o.`actor`) = ? ' +
  'ORDER BY o.`time_created`, o.`order_id`';

/** An own order from a row of OWN_ORDER_COLUMNS_SQL (further columns ignored). */
export function ownOrderOfRow(r: unknown[]): OwnOrder {
  const v = r as [
    number,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string,
    string,
  ];
  return {
    orderId: Number(v[0]),
    open: ms(v[1]),
    close: v[2] === null ? null : ms(v[2]),
    side: fillSide(v[3], null),
    price: parseFixedOrZero(v[4]),
    volume: parseFixedOrZero(v[5]),
    exchange: v[6],
    filledVolume: parseFixedOrZero(v[7]),
  };
}

/**
 * The actor's orders created in [from, to), with the volume filled on each (Σ trade.volume,
 * through the trade table's order_id index). The `time_created` index is forced and the sums
 * are a correlated subquery, not a join with GROUP BY: with the GROUP BY the optimizer walked
 * the whole table by primary key (3.2 million orders for a 30-day window of the
 * 10-million-fill bench history: 16 s idle, 53 s under load) and then sorted through a
 * temporary table; read by the range the rows come in index order (time, id).
 * queries.db.test.ts compares it with the join on a generated history. With `filledFrom`, the
 * filled volume is read only for orders created at or after it (0 before: quotes only).
 */
export async function listOwnOrders(
  pool: Pool,
  q: { actor: string; from: Date; to: Date; filledFrom?: Date },
): Promise<OwnOrder[]> {
  const sql =
    q.filledFrom === undefined
      ? OWN_ORDERS_SQL
      : OWN_ORDERS_SQL.replace(
          'COALESCE((SELECT',
          'CASE WHEN o.`time_created` >= ? THEN COALESCE((SELECT',
        ).replace('), 0)', '), 0) ELSE 0 END');
  const [rows] = await pool.query<RowDataPacket[]>({
    sql,
    values: [
      ...(q.filledFrom === undefined ? [] : [toDbDate(q.filledFrom)]),
      toDbDate(q.from),
      toDbDate(q.to),
      q.actor.toUpperCase(),
    ],
    rowsAsArray: true,
  });
  return (rows as unknown as unknown[][]).map(ownOrderOfRow);
}

/** The orders with these ids (the rollup's pending orders), as listOwnOrders reads them. */
export async function listOrdersById(pool: Pool, ids: readonly number[]): Promise<OwnOrder[]> {
  const out: OwnOrder[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const [rows] = await pool.query<RowDataPacket[]>({
      sql: `SELECT ${OWN_ORDER_COLUMNS_SQL} FROM \`order\` o WHERE o.\`order_id\` IN (?)`,
      values: [chunk],
      rowsAsArray: true,
    });
    out.push(...(rows as unknown as unknown[][]).map(ownOrderOfRow));
  }
  return out;
}

/**
 * Every order on the exchange (any actor) created in [from, to), in (time, id) order: their
 * fundamental values in the pair's price currency (null when unusable).
 */
export async function listPairOrders(
  pool: Pool,
  q: { exchange: string; from: Date; to: Date },
): Promise<PairOrder[]> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      'SELECT `time_created`, `fundamental_value`, `fundamental_value_currency`, `price_currency`, `exchange_rate` ' +
      'FROM `order` WHERE `time_created` >= ? AND `time_created` < ? AND `exchange_name` = ? ' +
      'ORDER BY `time_created`, `order_id`',
    values: [toDbDate(q.from), toDbDate(q.to), q.exchange],
    rowsAsArray: true,
  });
  return (
    rows as unknown as Array<[string, string | null, string | null, string | null, string | null]>
  ).map((r) => ({
    time: ms(r[0]),
    fundamentalValue: fundamentalInPriceCurrency({
      fundamentalValue: fixedOrNull(r[1]),
      fundamentalValueCurrency: r[2],
      priceCurrency: r[3],
      exchangeRate: fixedOrNull(r[4]),
    }),
  }));
}

/**
 * The pair's fills (any actor, with a volume) in [from, to) in (time, id) order, preceded by
 * its latest fill before `from` within FILL_MAX_AGE_MS (walking the time index down).
 */
export async function listPairFills(
  pool: Pool,
  q: { exchange: string; from: Date; to: Date },
): Promise<PairFill[]> {
  const cols = `t.\`time_created\`, ${FILL_UNIT_PRICE_SQL}`;
  const from = 'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id`';
  const pair = `${FILL_ACCOUNT_SQL} = UPPER(?) AND t.\`volume\` <> 0`;
  const [[before], [rows]] = await Promise.all([
    pool.query<RowDataPacket[]>({
      sql:
        `SELECT ${cols} ${from} WHERE t.\`time_created\` < ? AND t.\`time_created\` >= ? AND ${pair} ` +
        'ORDER BY t.`time_created` DESC, t.`trade_id` DESC LIMIT 1',
      values: [
        toDbDate(q.from),
        toDbDate(new Date(q.from.getTime() - FILL_MAX_AGE_MS)),
        q.exchange,
      ],
      rowsAsArray: true,
    }),
    pool.query<RowDataPacket[]>({
      sql:
        `SELECT ${cols} ${from} WHERE t.\`time_created\` >= ? AND t.\`time_created\` < ? AND ${pair} ` +
        'ORDER BY t.`time_created`, t.`trade_id`',
      values: [toDbDate(q.from), toDbDate(q.to), q.exchange],
      rowsAsArray: true,
    }),
  ]);
  return [...before, ...rows].map((r) => ({
    time: ms(r[0] as string),
    unitPrice: parseFixedOrZero(r[1] as string),
  }));
}

/** Fills with ids above the rollup's mark (a short primary-key range) dated in [from, to). */
export async function countLateFills(trading: Pool, mark: number, from: number, to: number) {
  const [[row]] = await trading.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM `trade` WHERE `trade_id` > ? AND `time_created` >= ? AND `time_created` < ?',
    [mark, toDbDate(new Date(from)), toDbDate(new Date(to))],
  );
  return Number(row?.n ?? 0);
}
