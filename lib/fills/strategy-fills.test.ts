import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/core/errors';
import { markPriceFromOrder } from './currency-conversion';
import { fixedToString } from '../core/money/fixed';
import {
  normaliseStrategyFill,
  normaliseStrategyFills,
  unitPrice,
  type StrategyFill,
} from './strategy-fills';
import { BTC_USD, row } from '@/tests/helpers/fills';

const EUR = { priceCurrency: 'EUR', volumeCurrency: 'BTC' };
const str = (f: StrategyFill) => ({
  volume: fixedToString(f.volume),
  price: fixedToString(f.price),
  fee: fixedToString(f.fee),
  feeInVolumeCurrency: fixedToString(f.feeInVolumeCurrency),
});

describe('normaliseStrategyFill', () => {
  it.each<[string, Parameters<typeof row>, typeof BTC_USD, ReturnType<typeof str>]>([
    [
      'USD fill, USD fee',
      ['BID', '0.50000000000000', '20000.00000000000000', { fee: '10.00' }],
      BTC_USD,
      { volume: '0.5', price: '20000', fee: '10', feeInVolumeCurrency: '0' },
    ],
    [
      'EUR fill into USD with exchange_rate',
      [
        'ASK',
        '1',
        '100.00',
        { priceCurrency: 'EUR', feeCurrency: 'EUR', fee: '0.20', exchangeRate: '1.1000000000' },
      ],
      BTC_USD,
      { volume: '1', price: '110', fee: '0.22', feeInVolumeCurrency: '0' },
    ],
    [
      'EUR fill in a EUR strategy: no conversion',
      [
        'ASK',
        '1',
        '100.00',
        { priceCurrency: 'EUR', feeCurrency: 'EUR', fee: '0.20', exchangeRate: '1.1' },
      ],
      EUR,
      { volume: '1', price: '100', fee: '0.2', feeInVolumeCurrency: '0' },
    ],
    [
      'BTC fee at a plausible fundamental value',
      ['BID', '1', '100', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: '120.0000000000' }],
      BTC_USD,
      { volume: '1', price: '100', fee: '0.12', feeInVolumeCurrency: '0.001' },
    ],
    [
      "BTC fee, the harness's placeholder fundamental value 1: at the unit price",
      [
        'BID',
        '0.5',
        '25000',
        { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: '1.0000000000' },
      ],
      BTC_USD,
      { volume: '0.5', price: '25000', fee: '50', feeInVolumeCurrency: '0.001' },
    ],
    [
      'BTC fee, fundamental value twice the unit price: at the unit price',
      ['BID', '1', '100', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: '200' }],
      BTC_USD,
      { volume: '1', price: '100', fee: '0.1', feeInVolumeCurrency: '0.001' },
    ],
    [
      'BTC fee on a EUR fill with a placeholder: at the unit price, then into USD',
      [
        'BID',
        '1',
        '40000',
        {
          priceCurrency: 'EUR',
          fee: '0.001',
          feeCurrency: 'BTC',
          fundamentalValue: '1',
          exchangeRate: '1.1',
        },
      ],
      BTC_USD,
      { volume: '1', price: '44000', fee: '44', feeInVolumeCurrency: '0.001' },
    ],
    [
      'BTC fee without a fundamental value: at the unit price',
      ['BID', '2', '200', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: null }],
      BTC_USD,
      { volume: '2', price: '200', fee: '0.1', feeInVolumeCurrency: '0.001' },
    ],
    [
      'BTC fee, fundamental value 0 counts as missing',
      ['BID', '2', '200', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: '0' }],
      BTC_USD,
      { volume: '2', price: '200', fee: '0.1', feeInVolumeCurrency: '0.001' },
    ],
    [
      'BTC fee on a EUR fill, into USD',
      [
        'BID',
        '1',
        '100',
        {
          priceCurrency: 'EUR',
          fee: '0.001',
          feeCurrency: 'BTC',
          fundamentalValue: '100',
          exchangeRate: '1.1',
        },
      ],
      BTC_USD,
      { volume: '1', price: '110', fee: '0.11', feeInVolumeCurrency: '0.001' },
    ],
    [
      'NULL fee and fee currency',
      ['ASK', '1', '100', { fee: null, feeCurrency: null }],
      BTC_USD,
      { volume: '1', price: '100', fee: '0', feeInVolumeCurrency: '0' },
    ],
    [
      'NULL fee currency means the price currency',
      [
        'ASK',
        '1',
        '100',
        { priceCurrency: 'EUR', fee: '1', feeCurrency: null, exchangeRate: '1.5' },
      ],
      BTC_USD,
      { volume: '1', price: '150', fee: '1.5', feeInVolumeCurrency: '0' },
    ],
    [
      'empty fee currency means the price currency too (lib/fills)',
      ['ASK', '1', '100', { priceCurrency: 'EUR', fee: '1', feeCurrency: '', exchangeRate: '1.5' }],
      BTC_USD,
      { volume: '1', price: '150', fee: '1.5', feeInVolumeCurrency: '0' },
    ],
    [
      'lower-case codes',
      [
        'ASK',
        '1',
        '100',
        { priceCurrency: 'usd', volumeCurrency: 'btc', feeCurrency: 'usd', fee: '1' },
      ],
      { priceCurrency: 'usd', volumeCurrency: 'Btc' },
      { volume: '1', price: '100', fee: '1', feeInVolumeCurrency: '0' },
    ],
  ])('%s', (_, args, currencies, expected) => {
    expect(str(normaliseStrategyFill(row(...args), currencies))).toEqual(expected);
  });

  it('reads naive-UTC DATETIME strings and Dates alike', () => {
    const a = normaliseStrategyFill(row('BID', '1', '1', { time: '2024-03-01 13:00:05' }), BTC_USD);
    const b = normaliseStrategyFill(
      row('BID', '1', '1', { time: new Date('2024-03-01T13:00:05Z') }),
      BTC_USD,
    );
    expect(a.timeMs).toBe(Date.parse('2024-03-01T13:00:05Z'));
    expect(b.timeMs).toBe(a.timeMs);
  });

  it('unit price is notional / volume', () => {
    const f = normaliseStrategyFill(row('BID', '0.3', '12000.3'), BTC_USD);
    expect(fixedToString(unitPrice(f)!)).toBe('40001');
    expect(unitPrice({ price: 5n, volume: 0n })).toBeNull();
  });

  it.each<[string, Parameters<typeof row>, typeof BTC_USD, RegExp]>([
    [
      'USD fill in a EUR strategy',
      ['BID', '1', '100'],
      EUR,
      /priced in EUR but fill \d+ is in USD/,
    ],
    [
      'EUR fill in a CAD strategy',
      ['BID', '1', '100', { priceCurrency: 'EUR' }],
      { priceCurrency: 'CAD', volumeCurrency: 'BTC' },
      /set price_currency to EUR or USD/,
    ],
    [
      'no exchange_rate',
      ['BID', '1', '100', { priceCurrency: 'EUR', exchangeRate: null }],
      BTC_USD,
      /no exchange_rate/,
    ],
    [
      'fee in a third currency',
      ['BID', '1', '100', { fee: '1', feeCurrency: 'ETH' }],
      BTC_USD,
      /fee in ETH/,
    ],
    [
      'other volume currency',
      ['BID', '1', '100', { volumeCurrency: 'ETH' }],
      BTC_USD,
      /volume currency is BTC/,
    ],
  ])('ConfigError: %s', (_, args, currencies, message) => {
    expect(() => normaliseStrategyFill(row(...args), currencies)).toThrow(ConfigError);
    expect(() => normaliseStrategyFill(row(...args), currencies)).toThrow(message);
  });

  it.each<[string, Parameters<typeof row>, RegExp]>([
    ['negative volume', ['BID', '-1', '100'], /negative volume/],
    ['bad time', ['BID', '1', '100', { time: 'yesterday' }], /unreadable time/],
    ['bad decimal', ['BID', '1', 'abc'], /Not a decimal/],
  ])('data errors: %s', (_, args, message) => {
    expect(() => normaliseStrategyFill(row(...args), BTC_USD)).toThrow(message);
  });
});

describe('fill sides (lib/fills: BID in any case, anything else an ASK)', () => {
  it.each<[string, 'BID' | 'ASK']>([
    ['BID', 'BID'],
    ['bid', 'BID'],
    ['ASK', 'ASK'],
    ['ask', 'ASK'],
    ['BUY', 'ASK'],
    ['', 'ASK'],
  ])('%j is a %s', (side, expected) => {
    expect(normaliseStrategyFill(row(side as 'BID', '1', '100'), BTC_USD).side).toBe(expected);
  });
});

describe('normaliseStrategyFills', () => {
  it('leaves out and counts fills in another volume currency', () => {
    const rows = [
      row('BID', '1', '100'),
      row('ASK', '2', '300', { volumeCurrency: 'ETH' }),
      row('ASK', '1', '110'),
    ];
    const result = normaliseStrategyFills(rows, BTC_USD);
    expect(result.fills.map((f) => f.side)).toEqual(['BID', 'ASK']);
    expect(result.otherVolumeCurrencyFills).toBe(1);
    expect(result.otherVolumeCurrencies).toEqual(['ETH']);
    expect(result.placeholderFundamentalFills).toBe(0);
  });

  it('values BTC fees at the unit price when the fundamental value is a placeholder, and counts them', () => {
    const rows = [
      // 50,000 USD/BTC with the harness's placeholder: 0.002 BTC × 50,000 = 100 USD
      row('BID', '1', '50000', { fee: '0.002', feeCurrency: 'BTC', fundamentalValue: '1' }),
      // a real fair value is still used: 0.001 BTC × 51,000
      row('ASK', '0.5', '26000', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: '51000' }),
      // a USD fee does not use the fundamental value: not counted
      row('ASK', '0.5', '26000', { fee: '5', feeCurrency: 'USD', fundamentalValue: '1' }),
      // no fundamental value: the unit price, as before, not counted
      row('BID', '2', '100000', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: null }),
    ];
    const result = normaliseStrategyFills(rows, BTC_USD);
    expect(result.fills.map((f) => fixedToString(f.fee))).toEqual(['100', '51', '5', '50']);
    expect(result.placeholderFundamentalFills).toBe(1);
  });

  it('re-reads the exchange rate when it changes between rows', () => {
    const rows = [
      row('BID', '1', '100', { priceCurrency: 'EUR', exchangeRate: '1.1' }),
      row('BID', '1', '100', { priceCurrency: 'EUR', exchangeRate: '1.2' }),
      row('BID', '1', '100', { priceCurrency: 'EUR', exchangeRate: '1.2' }),
    ];
    expect(normaliseStrategyFills(rows, BTC_USD).fills.map((f) => fixedToString(f.price))).toEqual([
      '110',
      '120',
      '120',
    ]);
  });
});

describe('markPriceFromOrder', () => {
  it('converts the fundamental value like a price and treats 0 as missing', () => {
    const m = markPriceFromOrder(
      { fundamentalValue: '100', priceCurrency: 'EUR', exchangeRate: '1.1' },
      BTC_USD,
    );
    expect(fixedToString(m!)).toBe('110');
    expect(
      markPriceFromOrder(
        { fundamentalValue: '0', priceCurrency: 'USD', exchangeRate: '1' },
        BTC_USD,
      ),
    ).toBeNull();
    expect(
      markPriceFromOrder(
        { fundamentalValue: null, priceCurrency: 'USD', exchangeRate: '1' },
        BTC_USD,
      ),
    ).toBeNull();
  });
});
