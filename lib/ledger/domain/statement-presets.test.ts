import { describe, expect, it } from 'vitest';
import { fixedToString } from '../../core/money/fixed';
import { CSV_FIXED_COLUMNS } from './csv-text';
import { detectPreset, guessMapping } from './statement-presets';
import { normalizeMapping, parseStatement, type StatementMapping } from './statement';

const KRAKEN_HEADER = [
  'txid',
  'refid',
  'time',
  'type',
  'subtype',
  'aclass',
  'asset',
  'amount',
  'fee',
  'balance',
];
const BINANCE_HEADER = ['User_ID', 'UTC_Time', 'Account', 'Operation', 'Coin', 'Change', 'Remark'];

describe('detectPreset', () => {
  it('recognises Kraken ledgers.csv, in any case and with blanks around names', () => {
    const header = KRAKEN_HEADER.map((h) => (h === 'time' ? ' Time ' : h.toUpperCase()));
    const hit = detectPreset(header)!;
    expect(hit.preset.id).toBe('kraken-ledgers');
    // The file's own spelling, so that the upload finds the columns.
    expect(hit.mapping).toEqual({
      time: ' Time ',
      amount: 'AMOUNT',
      credit: null,
      debit: null,
      currency: 'ASSET',
      type: 'TYPE',
      externalId: 'REFID',
      fee: 'FEE',
      negate: false,
    });
  });

  it('recognises the Binance statement (no id column)', () => {
    const hit = detectPreset(BINANCE_HEADER)!;
    expect(hit.preset.id).toBe('binance-statement');
    expect(hit.mapping).toMatchObject({
      time: 'UTC_Time',
      amount: 'Change',
      currency: 'Coin',
      type: 'Operation',
      externalId: null,
      fee: null,
    });
  });

  it('recognises our own export, with its credit and debit columns and never our ids', () => {
    const header = [...CSV_FIXED_COLUMNS, 'balance_BTC', 'balance_USD'];
    const hit = detectPreset(header)!;
    expect(hit.preset.id).toBe('gryphon-export');
    expect(hit.mapping).toEqual({
      time: 'time_utc',
      amount: null,
      credit: 'credit',
      debit: 'debit',
      currency: 'currency',
      type: 'type',
      externalId: 'external_id',
      fee: null,
      negate: false,
    });
    expect(guessMapping(header)).toEqual(hit.mapping);
  });

  it('needs every column of the preset', () => {
    expect(detectPreset(KRAKEN_HEADER.filter((h) => h !== 'refid'))).toBeNull();
    expect(detectPreset(['date', 'amount'])).toBeNull();
  });
});

describe('guessMapping without a preset', () => {
  it.each<[string[], Partial<StatementMapping>]>([
    // An internal id is never the exchange's id; a documented name wins.
    [['id', 'date', 'amount', 'currency', 'reference'], { externalId: 'reference', time: 'date' }],
    [['ID', 'Order ID', 'Timestamp', 'Amount', 'Asset'], { externalId: null, time: 'Timestamp' }],
    [['transaction_id', 'time', 'amount', 'ccy', 'external_id'], { externalId: 'external_id' }],
    [['txid', 'time', 'amount', 'asset'], { externalId: null }],
    [['trade id', 'time', 'amount', 'unit'], { externalId: 'trade id', currency: 'unit' }],
    // A trade id beside a row key is ours (an export of ours with changed columns).
    [['row_key', 'trade_id', 'time_utc', 'credit', 'debit'], { externalId: null }],
    // Credit and debit columns when there is no amount.
    [
      ['Date', 'Description', 'Credit', 'Debit', 'Currency'],
      { time: 'Date', amount: null, credit: 'Credit', debit: 'Debit', currency: 'Currency' },
    ],
    [['time', 'amount', 'credit', 'debit'], { amount: 'amount', credit: null, debit: null }],
  ])('%j -> %j', (header, expected) => {
    expect(guessMapping(header)).toMatchObject(expected);
  });
});

describe('credit and debit columns', () => {
  const m: StatementMapping = {
    time: 'time',
    amount: null,
    credit: 'credit',
    debit: 'debit',
    currency: 'currency',
    type: null,
    externalId: null,
    fee: null,
    negate: false,
  };
  const CSV = [
    ['time', 'currency', 'credit', 'debit'],
    ['2024-03-02 10:00:00', 'USD', '12750.00', ''],
    ['2024-03-02 10:00:00', 'BTC', '', '0.30000000'],
    ['2024-03-02 10:00:00', 'USD', '', '-25.5'],
    ['2024-03-02 10:00:00', 'USD', '10', '2.25'],
    ['2024-03-02 10:00:00', 'USD', '', ''],
    ['2024-03-02 10:00:00', 'USD', 'x', ''],
  ];

  it('amount = credit − debit, a blank cell is 0, a debit written negative is still a debit', () => {
    const p = parseStatement(CSV, m);
    expect(p.rows.map((r) => [r.currency, fixedToString(r.amount), r.decimals])).toEqual([
      ['USD', '12750', 2],
      ['BTC', '-0.3', 8],
      ['USD', '-25.5', 1],
      ['USD', '7.75', 2],
    ]);
    expect(p.skipped).toEqual([
      { line: 6, reason: 'credit and debit are both blank' },
      { line: 7, reason: 'credit "x" is not a number' },
    ]);
  });

  it('negate flips the sign as for an amount column', () => {
    expect(
      fixedToString(parseStatement(CSV.slice(0, 2), { ...m, negate: true }).rows[0].amount),
    ).toBe('-12750');
  });
});

describe('normalizeMapping', () => {
  it('reads a mapping stored before credit/debit existed', () => {
    expect(
      normalizeMapping({
        time: 't',
        amount: 'a',
        currency: 'c',
        type: null,
        externalId: null,
        fee: null,
        negate: false,
      }),
    ).toEqual({
      time: 't',
      amount: 'a',
      credit: null,
      debit: null,
      currency: 'c',
      type: null,
      externalId: null,
      fee: null,
      negate: false,
    });
  });

  it.each<Partial<StatementMapping>>([
    { time: 't' },
    { time: 't', credit: 'c' },
    { time: 't', amount: 'a', debit: 'd' },
    { time: '', amount: 'a' },
  ])('refuses %j', (m) => expect(normalizeMapping(m)).toBeNull());
});

describe("Kraken's asset codes", () => {
  it('reads XXBT and ZUSD as BTC and USD', () => {
    const header = ['time', 'asset', 'amount'];
    const m: StatementMapping = {
      time: 'time',
      amount: 'amount',
      credit: null,
      debit: null,
      currency: 'asset',
      type: null,
      externalId: null,
      fee: null,
      negate: false,
    };
    const p = parseStatement(
      [
        header,
        ['2024-03-02 10:00:00', 'XXBT', '0.1'],
        ['2024-03-02 10:00:00', 'ZUSD', '-4000'],
        ['2024-03-02 10:00:00', 'XBT', '1'],
        ['2024-03-02 10:00:00', 'usdt', '1'],
      ],
      m,
    );
    expect(p.rows.map((r) => r.currency)).toEqual(['BTC', 'USD', 'BTC', 'USDT']);
  });
});

// Coinbase Exchange (Pro) account report: header as BittyTax reads it (statement-presets.ts).
const COINBASE_HEADER = [
  'portfolio',
  'type',
  'time',
  'amount',
  'balance',
  'amount/balance unit',
  'transfer id',
  'trade id',
  'order id',
];

describe('Coinbase Exchange account report', () => {
  it('is recognised, the trade id first, the transfer id when it is blank, never the order id', () => {
    const hit = detectPreset(COINBASE_HEADER)!;
    expect(hit.preset.id).toBe('coinbase-exchange-account');
    expect(hit.mapping).toEqual({
      time: 'time',
      amount: 'amount',
      credit: null,
      debit: null,
      currency: 'amount/balance unit',
      type: 'type',
      externalId: 'trade id',
      externalIdFallback: 'transfer id',
      fee: null,
      negate: false,
    });
    // Without the transfer id column the preset does not fit (guessed instead).
    expect(detectPreset(COINBASE_HEADER.filter((h) => h !== 'transfer id'))).toBeNull();
  });

  it('reads one signed movement per line (hand-written lines)', () => {
    const csv = [
      COINBASE_HEADER,
      // A deposit: its id is the transfer id.
      [
        'default',
        'deposit',
        '2024-03-02T09:00:00.123Z',
        '1000.00',
        '1000.00',
        'USD',
        'tr-1',
        '',
        '',
      ],
      // A trade: two match lines and a fee line, all with the trade id (not the order id).
      ['default', 'match', '2024-03-02T10:00:00.500Z', '0.20000000', '0.2', 'BTC', '', '77', 'o-9'],
      ['default', 'match', '2024-03-02T10:00:00.500Z', '-8400.00', '-7400', 'USD', '', '77', 'o-9'],
      ['default', 'fee', '2024-03-02T10:00:00.500Z', '-21.0000', '-7421', 'USD', '', '77', 'o-9'],
      // A line with neither id.
      ['default', 'rebate', '2024-03-02T11:00:00Z', '0.5', '-7420.5', 'USD', '', '', ''],
      ['default', 'match', 'yesterday', '1', '1', 'BTC', '', '78', ''],
    ];
    const p = parseStatement(csv, detectPreset(COINBASE_HEADER)!.mapping);
    // 2024-03-02T00:00:00Z = 1709337600; the fraction of a second is dropped.
    expect(
      p.rows.map((r) => [
        r.line,
        r.time - 1709337600,
        r.type,
        r.currency,
        fixedToString(r.amount),
        fixedToString(r.fee),
        r.externalId,
        r.decimals,
      ]),
    ).toEqual([
      [2, 9 * 3600, 'deposit', 'USD', '1000', '0', 'tr-1', 2],
      [3, 10 * 3600, 'match', 'BTC', '0.2', '0', '77', 8],
      [4, 10 * 3600, 'match', 'USD', '-8400', '0', '77', 2],
      [5, 10 * 3600, 'fee', 'USD', '-21', '0', '77', 4],
      [6, 11 * 3600, 'rebate', 'USD', '0.5', '0', null, 1],
    ]);
    expect(p.skipped).toEqual([{ line: 7, reason: 'time "yesterday" is not a date-time' }]);
  });

  it('keeps the fallback id through normalizeMapping, and drops it without an id column', () => {
    const m = detectPreset(COINBASE_HEADER)!.mapping;
    expect(normalizeMapping(JSON.parse(JSON.stringify(m)) as StatementMapping)).toEqual(m);
    expect(normalizeMapping({ ...m, externalId: null })).not.toHaveProperty('externalIdFallback');
  });
});

describe('the Bitstamp transaction exports', () => {
  const OLD = ['Type', 'Datetime', 'Account', 'Amount', 'Value', 'Rate', 'Fee', 'Sub Type'];
  const RFC = [
    'ID',
    'Account',
    'Type',
    'Subtype',
    'Datetime',
    'Amount',
    'Amount currency',
    'Value',
    'Value currency',
    'Rate',
    'Rate currency',
    'Fee',
    'Fee currency',
    'Order ID',
  ];
  const shown = (rows: ReturnType<typeof parseStatement>['rows']) =>
    rows.map((r) => [
      r.line,
      r.part,
      new Date(r.time * 1000).toISOString(),
      r.type,
      r.currency,
      fixedToString(r.amount),
      fixedToString(r.fee),
      r.externalId,
      r.decimals,
    ]);

  it('reads the older export: signs from Type and Sub Type, a trade line as two movements', () => {
    const hit = detectPreset(OLD)!;
    expect(hit.preset.id).toBe('bitstamp-transactions');
    const p = parseStatement(
      [
        OLD,
        ['Deposit', 'Jan. 02, 2018, 09:00 AM', 'Main Account', '2000.00 USD', '', '', '', ''],
        // Buy 0.1 BTC for 1,500 USD, fee 3.75 USD: +0.1 BTC, −1,500 USD and a 3.75 USD fee.
        [
          'Market',
          'Jan. 05, 2018, 08:15 PM',
          'Main Account',
          '0.10000000 BTC',
          '1500.00 USD',
          '15000.00 USD',
          '3.75 USD',
          'Buy',
        ],
        // 12:05 AM is five past midnight.
        [
          'Market',
          'Jan. 06, 2018, 12:05 AM',
          'Main Account',
          '0.05000000 BTC',
          '800.00 USD',
          '16000.00 USD',
          '2.00 USD',
          'Sell',
        ],
        // A withdrawal's fee in its own currency: charged on the same movement.
        [
          'Withdrawal',
          'Sept. 07, 2018, 12:30 PM',
          'Main Account',
          '0.02000000 BTC',
          '',
          '',
          '0.00050000 BTC',
          '',
        ],
        // Direction unknown: left out with the reason, never guessed.
        [
          'Sub Account Transfer',
          'Jan. 08, 2018, 01:00 PM',
          'Main Account',
          '1.00000000 BTC',
          '',
          '',
          '',
          '',
        ],
        ['Market', 'Feb. 30, 2018, 01:00 PM', 'Main Account', '1 BTC', '1 USD', '', '', 'Buy'],
        ['Market', 'Jan. 09, 2018, 01:00 PM', 'Main Account', '1 BTC', '1 USD', '', '', 'Swap'],
      ],
      hit.mapping,
    );
    expect(shown(p.rows)).toEqual([
      [2, 0, '2018-01-02T09:00:00.000Z', 'Deposit', 'USD', '2000', '0', null, 2],
      [3, 0, '2018-01-05T20:15:00.000Z', 'Market', 'BTC', '0.1', '0', null, 8],
      [3, 1, '2018-01-05T20:15:00.000Z', 'Market', 'USD', '-1500', '3.75', null, 2],
      [4, 0, '2018-01-06T00:05:00.000Z', 'Market', 'BTC', '-0.05', '0', null, 8],
      [4, 1, '2018-01-06T00:05:00.000Z', 'Market', 'USD', '800', '2', null, 2],
      [5, 0, '2018-09-07T12:30:00.000Z', 'Withdrawal', 'BTC', '-0.02', '0.0005', null, 8],
    ]);
    expect(p.skipped).toEqual([
      {
        line: 6,
        reason:
          'Bitstamp type "Sub Account Transfer": its direction is not known, so the line is left out',
      },
      { line: 7, reason: 'time "Feb. 30, 2018, 01:00 PM" is not a date-time' },
      { line: 8, reason: 'a Market line\'s side "Swap" is neither Buy nor Sell' },
    ]);
  });

  it('reads the RFC 4180 export: ID as the id, a fee in a third currency as its own movement', () => {
    const hit = detectPreset(RFC)!;
    expect(hit.preset.id).toBe('bitstamp-transactions-rfc4180');
    expect(hit.mapping).toMatchObject({ externalId: 'ID', currency: 'Amount currency' });
    const p = parseStatement(
      [
        RFC,
        [
          '1001',
          'Main Account',
          'Market',
          'Buy',
          '2023-03-01T10:00:00Z',
          '0.10000000',
          'BTC',
          '2500.00',
          'USD',
          '25000.00',
          'USD',
          '5.00',
          'USD',
          '777',
        ],
        [
          '1002',
          'Main Account',
          'Market',
          'Sell',
          '2023-03-01T11:00:00Z',
          '0.5',
          'ETH',
          '0.03',
          'BTC',
          '0.06',
          'BTC',
          '1.20',
          'EUR',
          '778',
        ],
        ['1003', 'Main Account', 'Withdrawal', '', '2023-03-02T09:00:00Z', '100.00', 'USD'],
      ],
      hit.mapping,
    );
    expect(shown(p.rows)).toEqual([
      [2, 0, '2023-03-01T10:00:00.000Z', 'Market', 'BTC', '0.1', '0', '1001', 8],
      [2, 1, '2023-03-01T10:00:00.000Z', 'Market', 'USD', '-2500', '5', '1001', 2],
      [3, 0, '2023-03-01T11:00:00.000Z', 'Market', 'ETH', '-0.5', '0', '1002', 1],
      [3, 1, '2023-03-01T11:00:00.000Z', 'Market', 'BTC', '0.03', '0', '1002', 2],
      [3, 2, '2023-03-01T11:00:00.000Z', 'Market fee', 'EUR', '-1.2', '0', '1002', 2],
      [4, 0, '2023-03-02T09:00:00.000Z', 'Withdrawal', 'USD', '-100', '0', '1003', 2],
    ]);
    expect(p.skipped).toEqual([]);
  });

  it('keeps the layout through normalizeMapping (a stored mapping reads the same)', () => {
    for (const header of [OLD, RFC]) {
      const m = detectPreset(header)!.mapping;
      expect(normalizeMapping(JSON.parse(JSON.stringify(m)) as StatementMapping)).toEqual(m);
    }
    const m = detectPreset(OLD)!.mapping;
    expect(normalizeMapping({ ...m, layout: { kind: 'other' } as never })).not.toHaveProperty(
      'layout',
    );
  });
});
