import { connectUrl, idAbove } from './sql';

/**
 * A small history whose amounts have many decimals, as real exchange data has (volumes of 12
 * places, notionals of 14, negative balances): any figure printed without the shared formatter
 * shows as a raw "-6365.482818373521". One exchange account `<prefix>_BTC_USD`, strategy actor
 * `<prefix>`, on `day` (UTC) and the days either side: a USD and a BTC deposit the day before
 * (08:00:05), three fills on the day (10:00:03, 12:30:00, 15:30:00), a USD withdrawal the day
 * after (12:00:00). Ids above every existing row (tests/helpers/sql.ts idAbove).
 */
export interface AwkwardHistory {
  account: string;
  actor: string;
  /** Times of the first and last entry of the account, and of the actor's first and last fill. */
  firstEntry: string;
  lastEntry: string;
  firstFill: string;
  lastFill: string;
}

export async function insertAwkwardHistory(
  tradingWriteUrl: string,
  prefix: string,
  day: string,
): Promise<AwkwardHistory> {
  const conn = await connectUrl(tradingWriteUrl);
  const at = (offsetDays: number, time: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offsetDays);
    return `${d.toISOString().slice(0, 10)} ${time}`;
  };
  const account = `${prefix}_BTC_USD`;
  try {
    const [x, o, t, tx] = [
      await idAbove(conn, 'exchange'),
      await idAbove(conn, 'order'),
      await idAbove(conn, 'trade'),
      await idAbove(conn, 'transaction'),
    ];
    await conn.query(
      'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
      [x, `${prefix}-x`, account, '{"USD": "USD -6365.482818373521", "BTC": "BTC 1.234567890123"}'],
    );
    // type, time, volume (BTC), total price (USD), fee (USD)
    const fills: Array<[string, string, string, string, string]> = [
      ['BID', at(0, '10:00:03'), '0.123456789012', '6501.81036234123456', '12.0412345678'],
      ['ASK', at(0, '12:30:00'), '0.5', '26332.33182910000001', '0.0004'],
      ['BID', at(0, '15:30:00'), '1.987654321098', '104709.91234567890123', '20.123456789'],
    ];
    await conn.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
        '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ?',
      [
        fills.map(([type, time, volume], i) => [
          o + i,
          'FILLED',
          type,
          `${prefix}-o${i}`,
          prefix,
          '1',
          time,
          account,
          '52664.6636582',
          'USD',
          volume,
          'BTC',
          '52664.6636582',
        ]),
      ],
    );
    await conn.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `exchange_trade_id`, `time_created`, `volume`, ' +
        '`volume_currency`, `price`, `price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
      [
        fills.map(([type, time, volume, price, fee], i) => [
          t + i,
          type,
          `${prefix}-t${i}`,
          `${prefix}-EX-${i}`,
          time,
          volume,
          'BTC',
          price,
          'USD',
          fee,
          'USD',
          o + i,
        ]),
      ],
    );
    // type, time, amount, currency, fee
    const transactions: Array<[string, string, string, string, string]> = [
      ['DEPOSIT', at(-1, '08:00:05'), '100000.12345678901234', 'USD', '0'],
      ['DEPOSIT', at(-1, '09:00:00'), '2.123456789012', 'BTC', '0.000012345678'],
      ['WITHDRAWL', at(1, '12:00:00'), '4076.1043210305', 'USD', '1.23456789'],
    ];
    await conn.query(
      'INSERT INTO `transaction` (`transaction_id`, `transaction_type`, `transaction_status`, `unique_id`, `time_created`, ' +
        '`time_completed`, `amount`, `amount_currency`, `fee`, `fee_currency`, `exchange_id`) VALUES ?',
      [
        transactions.map(([type, time, amount, currency, fee], i) => [
          tx + i,
          type,
          'COMPLETED',
          `${prefix}-tx${i}`,
          time,
          time,
          amount,
          currency,
          fee,
          currency,
          x,
        ]),
      ],
    );
    return {
      account,
      actor: prefix,
      firstEntry: transactions[0][1],
      lastEntry: transactions[2][1],
      firstFill: fills[0][1],
      lastFill: fills[2][1],
    };
  } finally {
    await conn.end();
  }
}
