import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../../db/db-time';
import {
  FILL_ACCOUNT_SQL,
  FILL_ACTOR_SQL,
  FILL_FEE_CURRENCY_SQL,
  FILL_NOTIONAL_USD_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_USD_RATE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
} from '../../fills/sql';
import type { FillSums, LotFill } from '../domain/types';

/**
 * Aggregate reads of fills for the fund view: never one row per fill except for the few lots
 * of an open position. Sides, accounts, currencies and USD rates follow lib/fills/sql.ts, as
 * on every page. A fill is "rated" when it has a USD rate (its order's exchange_rate > 0, or
 * 1 for a USD price); its USD notional is then computed exactly by MariaDB (DECIMAL).
 */
export const FILL_KEYS =
  `${FILL_ACCOUNT_SQL} AS account, ${FILL_ACTOR_SQL} AS actor, ${FILL_SIDE_SQL} AS side, ` +
  `${FILL_PRICE_CURRENCY_SQL} AS pc, ${FILL_VOLUME_CURRENCY_SQL} AS vc, ${FILL_FEE_CURRENCY_SQL} AS fc, ` +
  `(${FILL_USD_RATE_SQL}) IS NOT NULL AS rated`;
export const FILL_SUMS =
  'COALESCE(SUM(t.`volume`), 0) AS volume, COALESCE(SUM(t.`price`), 0) AS price, ' +
  `COALESCE(SUM(${FILL_NOTIONAL_USD_SQL}), 0) AS priceUsd, COALESCE(SUM(t.\`fee\`), 0) AS fee, COUNT(*) AS n`;
const DAY = "DATE_FORMAT(t.`time_created`, '%Y-%m-%d')";
const FROM = 'FROM `trade` t LEFT JOIN `order` o ON o.`order_id` = t.`order_id`';
const GROUP = 'account, actor, side, pc, vc, fc, rated';

export function toFillSums(r: RowDataPacket): FillSums {
  return {
    day: r.day === undefined || r.day === null ? null : String(r.day),
    account: String(r.account),
    actor: String(r.actor),
    side: r.side === 'BID' ? 'BID' : 'ASK',
    priceCurrency: String(r.pc),
    volumeCurrency: String(r.vc),
    feeCurrency: String(r.fc),
    rated: Number(r.rated) === 1,
    volume: String(r.volume),
    price: String(r.price),
    priceUsd: String(r.priceUsd),
    fee: String(r.fee),
    count: Number(r.n ?? r.fill_count),
  };
}

/** Fills created in [from, before), optionally only ids above a checkpoint mark; by day or not. */
export async function sumFillsLive(
  pool: Pool,
  q: { from: Date | null; before: Date; aboveId?: number; byDay: boolean },
): Promise<FillSums[]> {
  const where = ['t.`time_created` < ?'];
  const params: unknown[] = [toDbDate(q.before)];
  if (q.from) {
    where.push('t.`time_created` >= ?');
    params.push(toDbDate(q.from));
  }
  if (q.aboveId !== undefined) {
    where.push('t.`trade_id` > ?');
    params.push(q.aboveId);
  }
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${q.byDay ? `${DAY} AS day, ` : ''}${FILL_KEYS}, ${FILL_SUMS} ${FROM} WHERE ${where.join(' AND ')} ` +
      `GROUP BY ${q.byDay ? 'day, ' : ''}${GROUP}`,
    params,
  );
  return rows.map(toFillSums);
}

/**
 * One strategy's same-side fills in [from, before), newest first (time, then id): the
 * candidates for its lots open at `before`. `limit` pages through a long day.
 */
export async function listLotCandidates(
  pool: Pool,
  q: {
    actor: string;
    volumeCurrency: string;
    side: 'BID' | 'ASK';
    from: Date;
    before: Date;
    limit: number;
    offset: number;
  },
): Promise<LotFill[]> {
  const [rows] = await pool.query<RowDataPacket[]>({
    sql:
      `SELECT t.\`trade_id\`, t.\`time_created\`, t.\`volume\`, t.\`price\`, ${FILL_PRICE_CURRENCY_SQL}, ${FILL_NOTIONAL_USD_SQL} ` +
      `${FROM} WHERE t.\`time_created\` >= ? AND t.\`time_created\` < ? AND ${FILL_ACTOR_SQL} = ? ` +
      `AND ${FILL_SIDE_SQL} = ? AND ${FILL_VOLUME_CURRENCY_SQL} = ? ` +
      'ORDER BY t.`time_created` DESC, t.`trade_id` DESC LIMIT ? OFFSET ?',
    values: [
      toDbDate(q.from),
      toDbDate(q.before),
      q.actor,
      q.side,
      q.volumeCurrency,
      q.limit,
      q.offset,
    ],
    rowsAsArray: true,
  });
  return (
    rows as unknown as Array<[number, string, string | null, string | null, string, string | null]>
  ).map((r) => ({
    tradeId: Number(r[0]),
    timeMs: Date.parse(`${r[1].replace(' ', 'T')}Z`),
    day: r[1].slice(0, 10),
    side: q.side,
    volume: r[2] ?? '0',
    price: r[3] ?? '0',
    priceCurrency: r[4],
    priceUsd: r[5],
  }));
}
