/**
 * The benchmark's trading history, generated inside MariaDB from its SEQUENCE engine
 * (seq_1_to_N tables) so that millions of rows load in a minute or two:
 *   BENCH_BTC_USD        5,000,000 fills (1,000,000 orders x 5 fills sharing a second) and
 *                        5,000 transfers (deposits, withdrawals, drift, some in transit)
 *   BENCH_OTHER_BTC_EUR  1,000,000 fills interleaved in time, to share the trade table
 * over 361 days from 2023-01-01, plus hourly AUDIT events.
 */
import type { Connection } from 'mysql2/promise';

export const BENCH_ACCOUNT = 'BENCH_BTC_USD';
export const BENCH_VERSION = 'ledger-bench-v1';
export const ORDERS = 1_200_000;
export const FILLS_PER_ORDER = 5;
export const TRANSFERS = 5_000;
/** Seconds between orders: 1.2M orders span 361 days. */
export const ORDER_SPACING = 26;
export const HISTORY_START = '2023-01-01 00:00:00';

const STATEMENTS = [
  `INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES
     (1, 'bench1', '${BENCH_ACCOUNT}', '{}'), (2, 'bench2', 'BENCH_OTHER_BTC_EUR', '{}')`,
  // Every sixth order belongs to the other account.
  `INSERT INTO \`order\` (order_id, status, order_type, unique_id, actor, exchange_rate, time_created, exchange_name,
     price, price_currency, volume, volume_currency)
   SELECT seq, 'FILLED', IF(seq % 2, 'BID', 'ASK'), CONCAT('o', seq), 'BENCHBOT', 1,
     '${HISTORY_START}' + INTERVAL seq * ${ORDER_SPACING} SECOND,
     IF(seq % 6 = 0, 'BENCH_OTHER_BTC_EUR', '${BENCH_ACCOUNT}'), 20000, IF(seq % 6 = 0, 'EUR', 'USD'), 0.5, 'BTC'
   FROM seq_1_to_${ORDERS}`,
  // Fills: volume 0.001-0.1 BTC, unit price 20000-20999; fee 0 on every fifth, in BTC on every 50th.
  `INSERT INTO trade (trade_id, trade_type, unique_id, exchange_trade_id, time_created, fee, fee_currency, price,
     price_currency, volume, volume_currency, order_id)
   SELECT s.seq, IF(s.o % 2, 'BID', 'ASK'), CONCAT('t', s.seq), CONCAT('X', s.seq),
     '${HISTORY_START}' + INTERVAL s.o * ${ORDER_SPACING} SECOND,
     IF(s.seq % 5 = 0, 0, IF(s.seq % 50 = 1, 0.00000123, ROUND(s.vol * s.px * 0.0005, 8))),
     IF(s.seq % 50 = 1, 'BTC', IF(s.o % 6 = 0, 'EUR', 'USD')),
     s.vol * s.px, IF(s.o % 6 = 0, 'EUR', 'USD'), s.vol, 'BTC', s.o
   FROM (SELECT seq, (seq + ${FILLS_PER_ORDER - 1}) DIV ${FILLS_PER_ORDER} AS o,
           0.001 * (1 + seq % 100) AS vol, 20000 + seq % 1000 AS px
         FROM seq_1_to_${ORDERS * FILLS_PER_ORDER}) s`,
  `INSERT INTO \`transaction\` (transaction_id, transaction_type, transaction_status, unique_id, time_created,
     time_completed, amount, amount_currency, fee, fee_currency, transaction_details, exchange_id)
   SELECT seq, IF(seq % 2, 'DEPOSIT', 'WITHDRAWL'), IF(seq % 500 = 0, 'IN_TRANSIT', 'COMPLETED'), CONCAT('x', seq),
     '${HISTORY_START}' + INTERVAL seq * 6240 SECOND,
     IF(seq % 500 = 0, NULL, '${HISTORY_START}' + INTERVAL seq * 6240 + 600 SECOND),
     IF(seq % 3 = 0, 1.5, 25000), IF(seq % 3 = 0, 'BTC', 'USD'), IF(seq % 4 = 0, 10, NULL), IF(seq % 4 = 0, 'USD', NULL),
     IF(seq % 10 = 0, '{"drift": true}', CONCAT('{"external_transaction_id": "T', seq, '"}')), 1
   FROM seq_1_to_${TRANSFERS}`,
  `INSERT INTO event (unique_id, event_id, time_created, exchange_name, event_type, data)
   SELECT CONCAT('evt', seq), seq, '${HISTORY_START}' + INTERVAL seq HOUR, '${BENCH_ACCOUNT}', 'AUDIT',
     '{"balance_data": {"USD": "USD 1000000.00", "BTC": "BTC 10.00000000"}, "order_data": {}}'
   FROM seq_1_to_8664`,
  `INSERT INTO flag (\`key\`, value) VALUES ('${BENCH_VERSION}', 'done')`,
];

/** True when the database already holds this version of the data. */
export async function benchDataPresent(conn: Connection): Promise<boolean> {
  const [rows] = await conn.query<import('mysql2').RowDataPacket[]>(
    'SELECT value FROM flag WHERE `key` = ?',
    [BENCH_VERSION],
  );
  return rows.length > 0;
}

export async function generateBenchData(conn: Connection, log: (s: string) => void): Promise<void> {
  await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  for (const sql of STATEMENTS) {
    const started = Date.now();
    await conn.query(sql);
    log(
      `${sql.trim().split('\n')[0].slice(0, 60)}… ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
