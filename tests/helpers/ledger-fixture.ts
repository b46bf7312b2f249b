/**
 * A small, hand-computed ledger for the tests (DB and browser). Ids start at 100000 and names
 * at LEDGERTEST_ so it can share a trading database with other tests' rows.
 *
 * Account LEDGERTEST_BTC_USD; window 2024-03-02 [00:00, 24:00) UTC.
 *   before: deposits USD 10000 and BTC 2; BID 0.1 BTC for 2000 USD fee 4 USD; drift −0.00001 BTC
 *   opening: USD 7996, BTC 2.09999
 *   rows in the window, time order (after-balances USD / BTC):
 *    1 10:00:00 trade 100002 ASK  credit USD 12750            20746    / 2.09999
 *    2                            debit  BTC 0.3              20746    / 1.79999
 *    3                            fee    USD 25.5             20720.5  / 1.79999
 *    4 10:00:00 trade 100003 BID  credit BTC 0.2              20720.5  / 1.99999
 *    5                            debit  USD 8400             12320.5  / 1.99999
 *    6                            fee    BTC 0.0002           12320.5  / 1.99979
 *    7 10:00:00 tx 100004 withdrawal USD 1000                 11320.5  / 1.99979
 *    8                            fee    USD 15               11305.5  / 1.99979
 *    9 12:00:00 tx 100006 drift deposit USD 0.5               11306    / 1.99979
 *   10 13:00:00 tx 100007 deposit USD 500 (created the day before)  11806 / 1.99979
 *   11 23:59:59 trade 100005 BID credit BTC 0.05              11806    / 2.04979
 *   12                           debit  USD 2100              9706     / 2.04979
 *   not counted: IN_TRANSIT 100005, CANCELED 100008, 100009 completed after the window,
 *   trade 100006 at the window's end, trade 100007 of another account at 10:00:00.
 *   AUDIT at 12:00:00 reports USD 11306 (ledger before 12:00:00: 11305.5) and BTC 1.99979.
 */
export const FIXTURE_ACCOUNT = 'LEDGERTEST_BTC_USD';
export const FIXTURE_WINDOW = {
  start: new Date('2024-03-02T00:00:00Z'),
  end: new Date('2024-03-03T00:00:00Z'),
};

const FIXTURE_TEMPLATE = `
INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES
  (100001, 'lt1', 'LEDGERTEST_BTC_USD', '{"USD": "USD 9706.00", "BTC": "BTC 2.03979000"}'),
  (100002, 'lt2', 'LEDGERTEST_BANK_USD', '{"USD": "USD 0"}'),
  (100003, 'lt3', 'LEDGERTEST_OTHER_BTC_EUR', '{}');
INSERT INTO \`order\` (order_id, status, order_type, unique_id, actor, exchange_rate, time_created, exchange_name,
  price, price_currency, volume, volume_currency) VALUES
  (100001, 'FILLED', 'BID', 'lo1', 'LEDGERBOT', 1, '2024-03-01 12:00:00', 'LEDGERTEST_BTC_USD', 20000, 'USD', 0.1, 'BTC'),
  (100002, 'FILLED', 'ASK', 'lo2', 'LEDGERBOT', 1, '2024-03-02 10:00:00', 'ledgertest_btc_usd', 42500, 'USD', 0.3, 'BTC'),
  (100003, 'FILLED', 'BID', 'lo3', 'LEDGERBOT', 1, '2024-03-02 10:00:00', 'LEDGERTEST_BTC_USD', 42000, 'USD', 0.2, 'BTC'),
  (100004, 'FILLED', 'BID', 'lo4', 'LEDGERBOT', 1, '2024-03-02 23:59:59', 'LEDGERTEST_BTC_USD', 42000, 'USD', 0.06, 'BTC'),
  (100005, 'FILLED', 'BID', 'lo5', 'LEDGERBOT', 1, '2024-03-02 10:00:00', 'LEDGERTEST_OTHER_BTC_EUR', 40000, 'EUR', 1, 'BTC');
INSERT INTO trade (trade_id, trade_type, unique_id, exchange_trade_id, time_created, fee, fee_currency, price,
  price_currency, volume, volume_currency, order_id) VALUES
  (100001, 'BID', 'lt1', 'EX-1', '2024-03-01 12:00:00', 4, 'USD', 2000, 'USD', 0.1, 'BTC', 100001),
  (100002, 'ASK', 'lt2', 'EX-2', '2024-03-02 10:00:00', 25.5, 'USD', 12750, 'USD', 0.3, 'BTC', 100002),
  (100003, 'BID', 'lt3', 'EX-3', '2024-03-02 10:00:00', 0.0002, 'BTC', 8400, 'USD', 0.2, 'BTC', 100003),
  (100005, 'BID', 'lt5', 'EX-5', '2024-03-02 23:59:59', 0, 'USD', 2100, 'USD', 0.05, 'BTC', 100004),
  (100006, 'ASK', 'lt6', 'EX-6', '2024-03-03 00:00:00', 1, 'USD', 420, 'USD', 0.01, 'BTC', 100004),
  (100007, 'BID', 'lt7', 'EX-7', '2024-03-02 10:00:00', 10, 'EUR', 40000, 'EUR', 1, 'BTC', 100005);
INSERT INTO \`transaction\` (transaction_id, transaction_type, transaction_status, unique_id, time_created, time_completed,
  amount, amount_currency, fee, fee_currency, transaction_details, exchange_id) VALUES
  (100001, 'DEPOSIT', 'COMPLETED', 'lx1', '2024-03-01 09:00:00', '2024-03-01 09:00:00', 10000, 'USD', NULL, NULL,
    '{"notes": "Initializing the db''s USD balance"}', 100001),
  (100002, 'DEPOSIT', 'COMPLETED', 'lx2', '2024-03-01 09:00:00', '2024-03-01 09:00:00', 2, 'BTC', NULL, NULL, '{}', 100001),
  (100003, 'WITHDRAWL', 'COMPLETED', 'lx3', '2024-03-01 13:00:00', '2024-03-01 13:00:00', 0.00001, 'BTC', NULL, NULL, '{"drift": true}', 100001),
  (100004, 'WITHDRAWL', 'COMPLETED', 'lx4', '2024-03-02 09:30:00', '2024-03-02 10:00:00', 1000, 'USD', 15, 'USD',
    '{"notes": "To the bank", "exchange_withdrawal_id": "WD-4"}', 100001),
  (100005, 'DEPOSIT', 'IN_TRANSIT', 'lx5', '2024-03-02 11:00:00', NULL, 1, 'BTC', NULL, NULL, '{}', 100001),
  (100006, 'DEPOSIT', 'COMPLETED', 'lx6', '2024-03-02 12:00:00', '2024-03-02 12:00:00', 0.5, 'USD', NULL, NULL, '{"drift": true}', 100001),
  (100007, 'DEPOSIT', 'COMPLETED', 'lx7', '2024-03-01 20:00:00', '2024-03-02 13:00:00', 500, 'USD', 0, NULL,
    '{"external_transaction_id": "DEP-7"}', 100001),
  (100008, 'WITHDRAWL', 'CANCELED', 'lx8', '2024-03-02 14:00:00', NULL, 99, 'USD', NULL, NULL, '{}', 100001),
  (100009, 'DEPOSIT', 'COMPLETED', 'lx9', '2024-03-02 18:00:00', '2024-03-03 02:00:00', 0.5, 'BTC', NULL, NULL, '{}', 100001),
  (100010, 'DEPOSIT', 'COMPLETED', 'lx10', '2024-03-01 08:00:00', '2024-03-01 08:00:00', 250000, 'USD', NULL, NULL, '{}', 100002);
INSERT INTO event (unique_id, event_id, time_created, exchange_name, event_type, data) VALUES
  ('levt1', 100001, '2024-03-02 12:00:00', 'LEDGERTEST_BTC_USD', 'AUDIT',
   '{"balance_data": {"USD": "USD 11306.00", "BTC": "BTC 1.99979000"}, "order_data": {}}');
`;

export const FIXTURE_SQL = fixtureSql(100000);

/**
 * The fixture with every id (exchange, order, trade, transaction, event) moved to `base` + n
 * instead of 100000 + n: test files sharing one database take ids above the existing rows,
 * as Gryphon's growing ids, which the incremental checkpoints rely on.
 */
export function fixtureSql(base: number): string {
  return FIXTURE_TEMPLATE.replace(/\b1000(\d\d)\b/g, (_, n: string) => String(base + Number(n)));
}

/** Expected after-balances of rows 1..12 above, [USD, BTC]. */
export const FIXTURE_BALANCES: Array<[string, string]> = [
  ['20746', '2.09999'],
  ['20746', '1.79999'],
  ['20720.5', '1.79999'],
  ['20720.5', '1.99999'],
  ['12320.5', '1.99999'],
  ['12320.5', '1.99979'],
  ['11320.5', '1.99979'],
  ['11305.5', '1.99979'],
  ['11306', '1.99979'],
  ['11806', '1.99979'],
  ['11806', '2.04979'],
  ['9706', '2.04979'],
];
