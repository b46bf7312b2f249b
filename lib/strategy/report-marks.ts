import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Fixed } from '../core/money/fixed';
import { toDbDate } from '../db/db-time';
import { FILL_PRICE_CURRENCY_SQL, FILL_USD_RATE_SQL, FILL_VOLUME_CURRENCY_SQL } from '../fills/sql';
import { normaliseStrategyFill, unitPrice, type StrategyCurrencies } from '../fills/strategy-fills';

/**
 * The closing price of the strategy's pair at each report boundary (a day's close): the unit
 * price, in the strategy's price currency, of the latest fill before that instant in its volume
 * currency, by any actor on any account, priced in the strategy's price currency (or, for a
 * USD strategy, any fill with a USD rate). One short walk down the `trade.time_created` index
 * per boundary, looking back at most LOOKBACK_MS; null when nothing traded in that time.
 */
const LOOKBACK_MS = 30 * 24 * 3600 * 1000;
const PARALLEL = 4;

async function closingPrice(
  pool: Pool,
  cur: StrategyCurrencies,
  before: number,
): Promise<Fixed | null> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT t.`trade_id` AS tradeId, t.`order_id` AS orderId, t.`time_created` AS time, ' +
      "'BID' AS side, t.`volume`, t.`volume_currency` AS volumeCurrency, t.`price`, " +
      't.`price_currency` AS priceCurrency, o.`exchange_rate` AS exchangeRate ' +
      'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
      `WHERE t.\`time_created\` < ? AND t.\`time_created\` >= ? AND ${FILL_VOLUME_CURRENCY_SQL} = ? AND t.\`volume\` > 0 ` +
      `AND (${FILL_PRICE_CURRENCY_SQL} = ? OR (? = 'USD' AND (${FILL_USD_RATE_SQL}) IS NOT NULL)) ` +
      'ORDER BY t.`time_created` DESC, t.`trade_id` DESC LIMIT 1',
    [
      toDbDate(new Date(before)),
      toDbDate(new Date(before - LOOKBACK_MS)),
      cur.volumeCurrency,
      cur.priceCurrency,
      cur.priceCurrency,
    ],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  const fill = normaliseStrategyFill(
    {
      tradeId: Number(r.tradeId),
      orderId: Number(r.orderId),
      time: r.time as Date | string,
      side: 'BID',
      volume: String(r.volume),
      volumeCurrency: String(r.volumeCurrency),
      price: String(r.price),
      priceCurrency: String(r.priceCurrency),
      fee: null,
      feeCurrency: String(r.priceCurrency),
      exchangeRate: r.exchangeRate === null ? null : String(r.exchangeRate),
      fundamentalValue: null,
      exchangeName: null,
    },
    cur,
  );
  return unitPrice(fill);
}

/** Closing prices at each boundary (epoch ms) marked needed, in order; null where none was found or not needed. */
export async function closingPrices(
  pool: Pool,
  currencies: StrategyCurrencies,
  boundaries: readonly number[],
  needed: readonly boolean[],
): Promise<Array<Fixed | null>> {
  const cur = {
    priceCurrency: currencies.priceCurrency.toUpperCase(),
    volumeCurrency: currencies.volumeCurrency.toUpperCase(),
  };
  const out: Array<Fixed | null> = new Array(boundaries.length).fill(null);
  const todo = boundaries.map((_, i) => i).filter((i) => needed[i]);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i = todo[next++];
      out[i] = await closingPrice(pool, cur, boundaries[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
  return out;
}
