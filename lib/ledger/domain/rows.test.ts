import { describe, expect, it } from 'vitest';
import { fixedToString } from '../../core/money/fixed';
import { BalanceBook, runningBalances } from './balances';
import { compareLedgerKeys, decodeLedgerKey, encodeLedgerKey } from './key';
import { expandItem, groupedFixed } from './rows';
import { formatAmount } from '../../core/money/money';
import { parseFixed } from '../../core/money/fixed';
import { addTradeSums, addTransactionSums, emptyTotals, netOf, summarize } from './totals';
import type { TradeItem, TransactionItem } from './types';

const trade = (o: Partial<TradeItem>): TradeItem => ({
  kind: 'trade',
  id: 1,
  time: 1709373600,
  side: 'BID',
  exchangeTradeId: 'EX-1',
  price: '12750.00000000000000',
  priceCurrency: 'USD',
  volume: '0.30000000000000',
  volumeCurrency: 'BTC',
  fee: '0',
  feeCurrency: 'USD',
  ...o,
});
const tx = (o: Partial<TransactionItem>): TransactionItem => ({
  kind: 'transaction',
  id: 7,
  time: 1709373600,
  type: 'DEPOSIT',
  amount: '500',
  amountCurrency: 'USD',
  fee: null,
  feeCurrency: null,
  details: null,
  ...o,
});
const simple = (rows: ReturnType<typeof expandItem>) =>
  rows.map((r) => [r.type, r.currency, fixedToString(r.amount), r.key.sub]);

describe('expandItem', () => {
  it('BID: credit volume, debit notional, fee in another currency', () => {
    const rows = expandItem(trade({ fee: '0.0002', feeCurrency: 'BTC' }));
    expect(simple(rows)).toEqual([
      ['trade', 'BTC', '0.3', 0],
      ['trade', 'USD', '-12750', 1],
      ['fee', 'BTC', '-0.0002', 2],
    ]);
    expect(rows[0].description).toBe('Trade #EX-1: Buy 0.3 BTC for 12,750.00 USD');
    expect(rows[2].description).toBe('Trade #EX-1: Fee');
  });

  it('ASK: credit notional, debit volume; a fee without currency is in the price currency', () => {
    expect(
      simple(
        expandItem(trade({ side: 'ASK', fee: '25.5', feeCurrency: null, exchangeTradeId: null })),
      ),
    ).toEqual([
      ['trade', 'USD', '12750', 0],
      ['trade', 'BTC', '-0.3', 1],
      ['fee', 'USD', '-25.5', 2],
    ]);
    expect(expandItem(trade({ exchangeTradeId: null }))[0].description).toMatch(
      /^Trade \(id 1\): Buy/,
    );
  });

  it('transfers: deposit, withdrawal with fee, drift shown and typed drift', () => {
    expect(simple(expandItem(tx({})))).toEqual([['deposit', 'USD', '500', 0]]);
    const w = expandItem(
      tx({
        type: 'WITHDRAWL',
        fee: '15',
        details: '{"notes": "To the bank", "exchange_withdrawal_id": "WD-4"}',
      }),
    );
    expect(simple(w)).toEqual([
      ['withdrawal', 'USD', '-500', 0],
      ['fee', 'USD', '-15', 1],
    ]);
    expect(w[0]).toMatchObject({ description: 'Withdrawal #7: To the bank', externalId: 'WD-4' });
    const d = expandItem(tx({ type: 'WITHDRAWL', details: '{"drift": true}' }));
    expect(simple(d)).toEqual([['drift', 'USD', '-500', 0]]);
    expect(d[0].description).toMatch(/^Drift correction/);
    expect(expandItem(tx({ details: 'not json' }))[0].type).toBe('deposit');
  });
});

describe('keys', () => {
  it('round-trip and order: time, trades before transactions, id, row', () => {
    const k = { time: 1709373600, kind: 0 as const, id: 123, sub: 2 };
    expect(encodeLedgerKey(k)).toBe('1709373600-t123-2');
    expect(decodeLedgerKey('1709373600-t123-2')).toEqual(k);
    expect(decodeLedgerKey('1709373600-y123-2')).toBeNull();
    expect(compareLedgerKeys(k, { ...k, kind: 1, id: 1, sub: 0 })).toBeLessThan(0);
    expect(compareLedgerKeys(k, { ...k, sub: 1 })).toBeGreaterThan(0);
  });
});

describe('balances and totals agree', () => {
  it('running balances end where opening + totals say', () => {
    const items = [
      trade({ fee: '0.0002', feeCurrency: 'BTC' }),
      trade({ id: 2, side: 'ASK', fee: '3' }),
      tx({ id: 8, type: 'WITHDRAWL', details: '{"drift": true}', amount: '0.5' }),
    ];
    const rows = items.flatMap(expandItem);
    const opening = new Map([['USD', 1000n * 10n ** 36n]]);
    const after = runningBalances(rows, opening, ['BTC', 'USD']);
    expect(after.at(-1)).toEqual(['-0.0002', '996.5']);
    const totals = addTransactionSums(
      addTradeSums(emptyTotals(), [
        {
          side: 'BID',
          priceCurrency: 'USD',
          volumeCurrency: 'BTC',
          feeCurrency: 'BTC',
          price: '12750',
          volume: '0.3',
          fee: '0.0002',
          count: 1,
        },
        {
          side: 'ASK',
          priceCurrency: 'USD',
          volumeCurrency: 'BTC',
          feeCurrency: 'USD',
          price: '12750',
          volume: '0.3',
          fee: '3',
          count: 1,
        },
      ]),
      [
        {
          type: 'WITHDRAWL',
          drift: true,
          amountCurrency: 'USD',
          feeCurrency: 'USD',
          amount: '0.5',
          fee: null,
          count: 1,
        },
      ],
    );
    const book = new BalanceBook(opening);
    for (const [c, v] of netOf(totals)) book.apply({ currency: c, amount: v });
    expect(book.format(['BTC', 'USD'])).toEqual(['-0.0002', '996.5']);
    expect(summarize(opening, totals)).toEqual([
      {
        currency: 'BTC',
        opening: '0',
        credits: '0.3',
        debits: '0.3',
        fees: '0.0002',
        drift: '0',
        closing: '-0.0002',
      },
      {
        currency: 'USD',
        opening: '1000',
        credits: '12750',
        debits: '12750',
        fees: '3',
        drift: '-0.5',
        closing: '996.5',
      },
    ]);
  });
});

describe('groupedFixed', () => {
  it.each([
    ['12750', 2],
    ['1234567.125', 2],
    ['1234567.135', 2],
    ['-0.004', 2],
    ['0.000000015', 8],
    ['999.995', 2],
    ['42', 0],
  ])('%s to %i places agrees with money.formatAmount', (v, dp) => {
    expect(groupedFixed(parseFixed(v), dp)).toBe(formatAmount(v, dp));
  });
});

describe('transfer legs named by the other account', () => {
  it('does not repeat notes that only say what the label says', () => {
    const role = {
      kind: 'wire' as const,
      counterpart: 'BMO_USD',
      counterpartId: 8,
      label: 'Wire to BMO_USD',
    };
    const base = {
      kind: 'transaction' as const,
      id: 7,
      time: 1709373600,
      type: 'WITHDRAWL' as const,
      amount: '100',
      amountCurrency: 'USD',
      fee: null,
      feeCurrency: null,
      role,
    };
    expect(expandItem({ ...base, details: '{"notes": "Wire to BMO_USD"}' })[0].description).toBe(
      'Wire to BMO_USD (#7)',
    );
    expect(expandItem({ ...base, details: '{"description": "Invoice 12"}' })[0].description).toBe(
      'Wire to BMO_USD: Invoice 12 (#7)',
    );
  });
});
