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
