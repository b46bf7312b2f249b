import { describe, expect, it } from 'vitest';
import { fixedToString, parseFixed } from '../../core/money/fixed';
import { findDivergence, ourMovements, reconcile, theirMovements } from './reconcile';
import { guessMapping } from './statement-presets';
import {
  missingColumns,
  parseStatement,
  parseStatementAmount,
  parseStatementTime,
} from './statement';
import { expandItem } from './rows';
import { encodeLedgerKey } from './key';
import type { LedgerItem } from './types';

const T = 1709373600; // 2024-03-02T10:00:00Z

const OURS: LedgerItem[] = [
  {
    kind: 'trade',
    id: 2,
    time: T,
    side: 'ASK',
    exchangeTradeId: 'EX-2',
    price: '12750',
    priceCurrency: 'USD',
    volume: '0.3',
    volumeCurrency: 'BTC',
    fee: '25.5',
    feeCurrency: 'USD',
  },
  {
    kind: 'trade',
    id: 3,
    time: T,
    side: 'BID',
    exchangeTradeId: 'EX-3',
    price: '8400',
    priceCurrency: 'USD',
    volume: '0.2',
    volumeCurrency: 'BTC',
    fee: '0.0002',
    feeCurrency: 'BTC',
  },
  {
    kind: 'transaction',
    id: 4,
    time: T + 60,
    type: 'WITHDRAWL',
    amount: '1000',
    amountCurrency: 'USD',
    fee: '15',
    feeCurrency: 'USD',
    details: null,
  },
  {
    kind: 'transaction',
    id: 7,
    time: T + 3 * 3600,
    type: 'DEPOSIT',
    amount: '500',
    amountCurrency: 'USD',
    fee: null,
    feeCurrency: null,
    details: null,
  },
];

// Kraken-like ledger: one line per currency movement, fee column, refid = trade id.
const CSV = [
  ['txid', 'refid', 'time', 'type', 'asset', 'amount', 'fee'],
  ['L1', 'EX-2', '2024-03-02 10:00:01', 'trade', 'USD', '12,750.00', '25.50'],
  ['L2', 'EX-2', '2024-03-02 10:00:01', 'trade', 'BTC', '-0.3', '0'],
  ['L3', 'EX-3', '2024-03-02 10:00:02', 'trade', 'BTC', '0.2', '0.0002'],
  ['L4', 'EX-3', '2024-03-02 10:00:02', 'trade', 'USD', '-8400.10', ''], // planted amount mismatch
  ['L5', '', '2024-03-02T10:01:30Z', 'withdrawal', 'USD', '-1000', '15'],
  ['L6', '', '2024-03-02 12:00:00', 'deposit', 'USD', '75', ''], // planted: missing on our side
  ['L7', '', 'yesterday', 'deposit', 'USD', '1', ''],
];

describe('statement parsing', () => {
  it('guesses a Kraken mapping and reads its lines', () => {
    const m = guessMapping(CSV[0]);
    expect(m).toEqual({
      time: 'time',
      amount: 'amount',
      credit: null,
      debit: null,
      currency: 'asset',
      type: 'type',
      externalId: 'refid',
      fee: 'fee',
      negate: false,
    });
    expect(missingColumns(CSV[0], m)).toEqual([]);
    expect(missingColumns(['a'], m)).toContain('time');
    const p = parseStatement(CSV, m);
    expect(p.rows).toHaveLength(6);
    expect(p.skipped).toEqual([{ line: 8, reason: 'time "yesterday" is not a date-time' }]);
    expect(p.rows[0]).toMatchObject({
      line: 2,
      time: T + 1,
      currency: 'USD',
      externalId: 'EX-2',
      type: 'trade',
    });
    expect(fixedToString(p.rows[0].amount)).toBe('12750');
    expect(fixedToString(p.rows[0].fee)).toBe('25.5');
  });

  it.each([
    ['1,234.50', '1234.5', null],
    ['-0.3 BTC', '-0.3', 'BTC'],
    ['USD 12', '12', 'USD'],
    ['(25.50)', '-25.5', null],
    ['$3.10', '3.1', null],
  ])('amount %s', (text, amount, currency) => {
    const r = parseStatementAmount(text)!;
    expect([fixedToString(r.amount), r.currency]).toEqual([amount, currency]);
  });

  it.each(['abc', '1.2.3', '12 BTC USD', ''])('rejects amount %j', (text) =>
    expect(parseStatementAmount(text)).toBeNull(),
  );

  it.each([
    ['2024-03-02 10:00:00', T],
    ['2024-03-02T12:00:00+02:00', T],
    ['2024/03/02 10:00:00', T],
    ['1709373600', T],
    ['1709373600.75', T],
    ['1709373600123', T],
  ])('time %s', (text, expected) => expect(parseStatementTime(text)).toBe(expected));
});

describe('reconcile', () => {
  const ours = ourMovements(OURS.flatMap(expandItem), (r) => encodeLedgerKey(r.key));
  const theirs = theirMovements(parseStatement(CSV, guessMapping(CSV[0])).rows);
  const r = reconcile(ours, theirs, 120);

  it('matches by exchange id per currency and flags the planted amount mismatch', () => {
    expect(r.matchedById.map((g) => `${g.externalId} ${g.currency}`)).toEqual([
      'EX-2 BTC',
      'EX-2 USD',
      'EX-3 BTC',
    ]);
    expect(r.mismatched).toHaveLength(1);
    expect(r.mismatched[0]).toMatchObject({
      externalId: 'EX-3',
      currency: 'USD',
      theirRefs: ['line 5'],
    });
    expect(fixedToString(r.mismatched[0].ours - r.mismatched[0].theirs)).toBe('0.1');
  });

  it('matches the rest by time and amount, and lists the planted missing row and our unmatched deposit', () => {
    expect(r.matchedByTime.map((p) => [p.ours.ref, p.theirs.ref])).toEqual([
      ['1709373660-x4-0', 'line 6'],
      ['1709373660-x4-1', 'line 6'],
    ]);
    expect(r.unmatchedTheirs.map((m) => m.ref)).toEqual(['line 7']);
    expect(r.unmatchedOurs.map((m) => m.ref)).toEqual(['1709384400-x7-0']);
  });

  it('finds where the running balances part: the mismatch at 10:00', () => {
    const d = findDivergence(r);
    expect(d.first).toEqual({
      time: T,
      currency: 'USD',
      difference: parseFixed('0.1'),
      ourRef: '1709373600-t3-1',
      theirRef: 'line 5',
    });
    // ours − theirs at the end: +0.1 (mismatch) − 75 (their deposit) + 500 (our deposit).
    expect(fixedToString(d.final.get('USD')!)).toBe('425.1');
  });

  it('a wrong amount diverges at once; a late twin within the tolerance does not diverge', () => {
    const a = ourMovements(expandItem(OURS[3]), () => 'a');
    const b = theirMovements([
      {
        line: 2,
        time: T + 3 * 3600,
        amount: parseFixed('499'),
        currency: 'USD',
        fee: 0n,
        type: null,
        externalId: null,
        decimals: 0,
      },
    ]);
    const same = findDivergence(reconcile(a, b, 0));
    expect(same.first).toEqual({
      time: T + 3 * 3600,
      currency: 'USD',
      difference: parseFixed('1'),
      ourRef: 'a',
      theirRef: 'line 2',
    });
    const twin = theirMovements([
      {
        line: 2,
        time: T + 3 * 3600 + 500,
        amount: parseFixed('500'),
        currency: 'USD',
        fee: 0n,
        type: null,
        externalId: null,
        decimals: 0,
      },
    ]);
    expect(findDivergence(reconcile(a, twin, 600)).first).toBeNull();
  });
});
