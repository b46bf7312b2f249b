import type { Connection, ResultSetHeader } from 'mysql2/promise';

/**
 * lib/fund/domain/testing/scenario.ts written into a Gryphon trading database, so that the
 * SQL, checkpoints, lot search and transaction pairing are checked against the same
 * hand-computed figures (fund-identity.test.ts). `year` moves every date (the scenario is in
 * March 2024) and `prefix` the account names, so the browser tests can use a year and
 * accounts nobody else does. Ids are left to AUTO_INCREMENT.
 */
export const SCENARIO_RATES: Array<[string, string, string]> = [
  // day (2024), currency, USD per unit: the rates the hand computation uses
  ['2024-03-02', 'BTC', '100'],
  ['2024-03-03', 'BTC', '110'],
  ['2024-03-04', 'BTC', '120'],
  ['2024-03-02', 'EUR', '1.1'],
  ['2024-03-03', 'EUR', '1.2'],
];

export async function insertFundScenario(
  conn: Connection,
  opts: { year?: number; prefix?: string } = {},
): Promise<{ accounts: Record<string, number> }> {
  const y = (s: string) => (opts.year ? s.replace(/^2024/, String(opts.year)) : s);
  const name = (n: string) => (n === 'BURN' ? 'BURN' : `${opts.prefix ?? ''}${n}`);
  const accounts: Record<string, number> = {};
  for (const n of ['EX_BTC_USD', 'EX_BTC_EUR', 'BANK', 'BURN']) {
    const [existing] = await conn.query<
      Array<{ exchange_id: number } & import('mysql2').RowDataPacket>
    >('SELECT `exchange_id` FROM `exchange` WHERE `name` = ?', [name(n)]);
    if (existing.length > 0) {
      accounts[n] = existing[0].exchange_id;
      continue;
    }
    const [r] = await conn.query<ResultSetHeader>(
      "INSERT INTO `exchange` (`unique_id`, `name`, `balance`) VALUES (?, ?, '{}')",
      [`fx-${name(n)}`, name(n)],
    );
    accounts[n] = r.insertId;
  }
  const fills: Array<[string, string, string, string, string, string, string, string, string]> = [
    // time, actor, side, account, volume, price, price currency, fee, exchange_rate
    ['2024-03-01 08:00:00', 'MM', 'BID', 'EX_BTC_USD', '1', '80', 'USD', '0.5', '1'],
    ['2024-03-01 12:00:00', 'MM', 'BID', 'EX_BTC_USD', '1', '100', 'USD', '0.5', '1'],
    ['2024-03-02 10:00:00', 'MM', 'ASK', 'EX_BTC_USD', '1.5', '165', 'USD', '0.5', '1'],
    ['2024-03-02 11:00:00', 'MM', 'BID', 'EX_BTC_EUR', '1', '100', 'EUR', '0.1', '1.05'],
    ['2024-03-03 09:00:00', 'MM', 'ASK', 'EX_BTC_EUR', '1', '120', 'EUR', '0.2', '1.15'],
    ['2024-03-03 15:00:00', 'ARB', 'ASK', 'EX_BTC_USD', '0.5', '55', 'USD', '0', '1'],
  ];
  for (const [i, [time, actor, side, account, volume, price, cur, fee, rate]] of fills.entries()) {
    const [o] = await conn.query<ResultSetHeader>(
      'INSERT INTO `order` (`status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `exchange_name`, `price`, ' +
        "`price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ('FILLED', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BTC', NULL)",
      [
        side,
        `fo-${opts.prefix ?? ''}${opts.year ?? 2024}-${i}`,
        actor,
        rate,
        y(time),
        name(account),
        price,
        cur,
        volume,
      ],
    );
    await conn.query(
      'INSERT INTO `trade` (`trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, `price_currency`, `fee`, ' +
        "`fee_currency`, `order_id`) VALUES (?, ?, ?, ?, 'BTC', ?, ?, ?, ?, ?)",
      [
        side,
        `ft-${opts.prefix ?? ''}${opts.year ?? 2024}-${i}`,
        y(time),
        volume,
        price,
        cur,
        fee,
        cur,
        o.insertId,
      ],
    );
  }
  const txs: Array<
    [
      string,
      string,
      string,
      string,
      string | null,
      string | null,
      string,
      string | null,
      Record<string, unknown>,
    ]
  > = [
    // account, type, amount, currency, fee, status override, created, completed, details
    ['EX_BTC_USD', 'DEPOSIT', '1000', 'USD', null, null, '2024-03-01 00:00:00', null, {}],
    ['BANK', 'DEPOSIT', '150', 'EUR', null, null, '2024-02-01 00:00:00', null, {}],
    [
      'BANK',
      'WITHDRAWL',
      '100',
      'EUR',
      '2',
      null,
      '2024-03-02 01:00:00',
      null,
      { external_transaction_id: 'W1' },
    ],
    [
      'EX_BTC_EUR',
      'DEPOSIT',
      '100',
      'EUR',
      null,
      null,
      '2024-03-02 01:00:00',
      '2024-03-02 05:00:00',
      { external_transaction_id: 'W1' },
    ],
    [
      'BANK',
      'DEPOSIT',
      '50',
      'EUR',
      null,
      null,
      '2024-03-02 06:00:00',
      null,
      { description: 'Investor subscription' },
    ],
    [
      'BANK',
      'WITHDRAWL',
      '30',
      'EUR',
      null,
      null,
      '2024-03-03 10:00:00',
      null,
      { external_transaction_id: 'C1', description: 'Rent' },
    ],
    [
      'BURN',
      'DEPOSIT',
      '30',
      'EUR',
      null,
      null,
      '2024-03-03 10:00:00',
      null,
      { external_transaction_id: 'C1', description: 'Rent' },
    ],
    [
      'EX_BTC_USD',
      'WITHDRAWL',
      '210',
      'USD',
      null,
      null,
      '2024-03-03 12:00:00',
      null,
      { notes: 'Loan repayment' },
    ],
    [
      'EX_BTC_USD',
      'DEPOSIT',
      '0.01',
      'BTC',
      null,
      null,
      '2024-03-03 13:00:00',
      null,
      { drift: true },
    ],
    [
      'EX_BTC_USD',
      'WITHDRAWL',
      '0.2',
      'BTC',
      '0.001',
      null,
      '2024-03-03 20:00:00',
      null,
      { transaction_hash: 'H1' },
    ],
    [
      'EX_BTC_EUR',
      'DEPOSIT',
      '0.2',
      'BTC',
      null,
      'IN_TRANSIT',
      '2024-03-03 20:00:00',
      null,
      { transaction_hash: 'H1' },
    ],
    ['BANK', 'WITHDRAWL', '5', 'EUR', null, 'CANCELED', '2024-03-02 08:00:00', null, {}],
  ];
  const key = (d: Record<string, unknown>) => {
    const out = { ...d };
    for (const k of ['external_transaction_id', 'transaction_hash'])
      if (typeof out[k] === 'string') out[k] = `${opts.prefix ?? ''}${opts.year ?? 2024}-${out[k]}`;
    return JSON.stringify(out);
  };
  for (const [account, type, amount, cur, fee, status, created, completed, details] of txs) {
    const st = status ?? 'COMPLETED';
    await conn.query(
      'INSERT INTO `transaction` (`transaction_type`, `transaction_status`, `unique_id`, `time_created`, `time_completed`, `amount`, ' +
        '`amount_currency`, `fee`, `fee_currency`, `transaction_details`, `exchange_id`) VALUES (?, ?, UUID(), ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        type,
        st,
        y(created),
        st === 'COMPLETED' ? y(completed ?? created) : null,
        amount,
        cur,
        fee,
        fee ? cur : null,
        key(details),
        accounts[account],
      ],
    );
  }
  const liabilities: Array<[string, string, string, string, string, string | null]> = [
    ['Lender', 'FIXED_INTEREST', '200', 'USD', '2024-03-01 00:00:00', '2024-03-03 12:00:00'],
    ['Investor', 'PERFORMANCE', '50', 'EUR', '2024-03-02 06:00:00', null],
    ['Old loan', 'FIXED_INTEREST', '70', 'USD', '2024-01-01 00:00:00', '2024-02-01 00:00:00'],
  ];
  for (const [entity, type, amount, cur, started, repaid] of liabilities) {
    await conn.query(
      'INSERT INTO `liability` (`unique_id`, `time_created`, `amount`, `amount_currency`, `liability_type`, `entity_name`, `time_started`, `time_repayed`, `details`) ' +
        "VALUES (UUID(), ?, ?, ?, ?, ?, ?, ?, 'null')",
      [
        y(started),
        amount,
        cur,
        type,
        `${opts.prefix ?? ''}${entity}`,
        y(started),
        repaid ? y(repaid) : null,
      ],
    );
  }
  return { accounts };
}
