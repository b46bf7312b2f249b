import { describe, expect, it } from 'vitest';
import { fixedToString, parseFixed } from '../../core/money/fixed';
import {
  findDivergence,
  halfUnit,
  ourMovements,
  reconcile,
  theirMovements,
  type Movement,
} from './reconcile';
import { parseStatement, type StatementMapping } from './statement';
import { expandItem } from './rows';
import { encodeLedgerKey } from './key';
import type { LedgerItem } from './types';

const T = 1709373600; // 2024-03-02T10:00:00Z
const f = parseFixed;

// Our ledger as the demo writes it: USD amounts with 10 decimals.
const OURS: LedgerItem[] = [
  // ASK 0.1 BTC for 4076.1043210305 USD, fee 8.1522086421 USD.
  {
    kind: 'trade',
    id: 11,
    time: T,
    side: 'ASK',
    exchangeTradeId: 'EX-11',
    price: '4076.1043210305',
    priceCurrency: 'USD',
    volume: '0.1',
    volumeCurrency: 'BTC',
    fee: '8.1522086421',
    feeCurrency: 'USD',
  },
  // BID 0.05 BTC for 2038.0521605152 USD, no fee: the statement says 100 USD more (the real error).
  {
    kind: 'trade',
    id: 12,
    time: T + 60,
    side: 'BID',
    exchangeTradeId: 'EX-12',
    price: '2038.0521605152',
    priceCurrency: 'USD',
    volume: '0.05',
    volumeCurrency: 'BTC',
    fee: '0',
    feeCurrency: 'USD',
  },
  // A deposit without an exchange id: matched by time and amount.
  {
    kind: 'transaction',
    id: 13,
    time: T + 120,
    type: 'DEPOSIT',
    amount: '1234.5678901234',
    amountCurrency: 'USD',
    fee: null,
    feeCurrency: null,
    details: null,
  },
];

const KRAKEN: StatementMapping = {
  time: 'time',
  amount: 'amount',
  credit: null,
  debit: null,
  currency: 'asset',
  type: 'type',
  externalId: 'refid',
  fee: 'fee',
  negate: false,
};

// The exchange's statement, in cents (BTC in 8 decimals).
const CSV = [
  ['txid', 'refid', 'time', 'type', 'asset', 'amount', 'fee'],
  ['L1', 'EX-11', '2024-03-02 10:00:00', 'trade', 'USD', '4,076.10', '8.15'],
  ['L2', 'EX-11', '2024-03-02 10:00:00', 'trade', 'BTC', '-0.10000000', '0'],
  ['L3', 'EX-12', '2024-03-02 10:01:00', 'trade', 'USD', '-2138.05', ''],
  ['L4', 'EX-12', '2024-03-02 10:01:00', 'trade', 'BTC', '0.05000000', ''],
  ['L5', '', '2024-03-02 10:02:20', 'deposit', 'USD', '1234.57', ''],
];

const ours = ourMovements(OURS.flatMap(expandItem), (r) => encodeLedgerKey(r.key));
const parsed = parseStatement(CSV, KRAKEN);
const theirs = theirMovements(parsed.rows);
const cents = (c: string) => (c === 'USD' ? halfUnit(2) : halfUnit(8));

describe('halfUnit', () => {
  it.each([
    [0, '0.5'],
    [2, '0.005'],
    [8, '0.000000005'],
  ])('%i decimals -> %s', (d, text) => expect(fixedToString(halfUnit(d), 36)).toBe(text));
});

describe('statement precision', () => {
  it('records the decimals each line is written with (amount or fee, the larger)', () => {
    expect(parsed.rows.map((r) => [r.currency, r.decimals])).toEqual([
      ['USD', 2],
      ['BTC', 8],
      ['USD', 2],
      ['BTC', 8],
      ['USD', 2],
    ]);
  });
});

describe('reconcile with an amount tolerance', () => {
  it('exact matching drowns in rounding mismatches', () => {
    const r = reconcile(ours, theirs, 120);
    // EX-11 USD: ours 4076.1043210305 − 8.1522086421 = 4067.9521123884, theirs 4067.95.
    expect(r.mismatched.map((g) => `${g.externalId} ${g.currency}`)).toEqual([
      'EX-11 USD',
      'EX-12 USD',
    ]);
    expect(r.unmatchedTheirs.map((m) => m.ref)).toEqual(['line 6']);
  });

  it('half a cent per statement line leaves only the real 100 USD error', () => {
    const r = reconcile(ours, theirs, 120, cents);
    // EX-11 USD: |4067.9521123884 − 4067.95| = 0.0021123884 ≤ 2 lines × 0.005 (amount and fee).
    expect(r.matchedById.map((g) => `${g.externalId} ${g.currency}`)).toEqual([
      'EX-11 BTC',
      'EX-11 USD',
      'EX-12 BTC',
    ]);
    expect(r.mismatched).toHaveLength(1);
    // EX-12 USD: ours −2038.0521605152, theirs −2138.05: ours − theirs = 99.9978394848.
    expect(fixedToString(r.mismatched[0].ours - r.mismatched[0].theirs)).toBe('99.9978394848');
    // The deposit: |1234.5678901234 − 1234.57| = 0.0021098766 ≤ 0.005, 80 s apart.
    expect(r.matchedByTime.map((p) => [p.ours.ref, p.theirs.ref])).toEqual([
      [`${T + 120}-x13-0`, 'line 6'],
    ]);
    expect(r.unmatchedOurs).toEqual([]);
    expect(r.unmatchedTheirs).toEqual([]);
    const d = findDivergence(r).first!;
    expect([d.time, d.currency, fixedToString(d.difference), d.ourRef, d.theirRef]).toEqual([
      T + 60,
      'USD',
      '99.9978394848',
      `${T + 60}-t12-1`,
      'line 4',
    ]);
  });

  const one = (
    side: 'ours' | 'theirs',
    amount: string,
    time = T,
    ref: string = side,
  ): Movement => ({
    side,
    time,
    currency: 'USD',
    amount: f(amount),
    externalId: null,
    ref,
    label: '',
  });

  it.each([
    ['-1000.0049', '-1000.00', true],
    ['-1000.005', '-1000.00', true],
    ['-1000.0051', '-1000.00', false],
    ['-999.995', '-1000.00', true],
    ['-999.9949', '-1000.00', false],
    ['0.004', '0.00', true],
    ['-0.004', '0.00', true],
    ['0.006', '0.01', true],
    ['0.0149', '0.01', true],
    ['0.0151', '0.01', false],
  ])('by time: ours %s and theirs %s within 0.005: %s', (o, t, match) => {
    const r = reconcile([one('ours', o)], [one('theirs', t, T + 5)], 120, () => halfUnit(2));
    expect(r.matchedByTime.length).toBe(match ? 1 : 0);
  });

  it('takes the nearest time first, then the nearest amount', () => {
    const r = reconcile(
      [
        one('ours', '10.004', T, 'far amount'),
        one('ours', '10.001', T, 'near amount'),
        one('ours', '10', T + 50, 'late'),
      ],
      [one('theirs', '10.00', T + 1)],
      120,
      () => halfUnit(2),
    );
    expect(r.matchedByTime.map((p) => p.ours.ref)).toEqual(['near amount']);
  });

  it('lists our row "only in our ledger" when the statement has its id in another currency only', () => {
    const withId = (m: Movement, currency: string, amount: string, ref: string): Movement => ({
      ...m,
      currency,
      amount: f(amount),
      externalId: 'EX-9',
      ref,
      ourId: m.side === 'ours' ? 'trade 9' : undefined,
    });
    const o = [
      withId(one('ours', '0'), 'USD', '-100', 'usd'),
      withId(one('ours', '0'), 'BTC', '0.01', 'btc'),
    ];
    const t = [withId(one('theirs', '0'), 'USD', '-100.00', 'line 2')];
    const r = reconcile(o, t, 120, () => halfUnit(2));
    expect(r.matchedById.map((g) => g.currency)).toEqual(['USD']);
    expect(r.mismatched).toEqual([]);
    expect(r.unmatchedOurs.map((m) => [m.ref, m.externalId, m.ourId])).toEqual([
      ['btc', 'EX-9', 'trade 9'],
    ]);
  });
});

describe('matching by time and amount: the bucketed search equals a plain scan', () => {
  /** Deterministic pseudo-random numbers (a linear congruential generator). */
  function random(seed: number) {
    let x = seed;
    return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  }

  /** Every statement movement in time order takes the best unused row of ours among all. */
  function plain(ours: Movement[], theirs: Movement[], seconds: number, tol: bigint) {
    const used = new Set<Movement>();
    const pairs: Array<[string, string]> = [];
    for (const t of [...theirs].sort((a, b) => a.time - b.time)) {
      let best: Movement | null = null;
      for (const c of ours) {
        if (used.has(c) || c.currency !== t.currency) continue;
        if (Math.abs(c.time - t.time) > seconds || abs(c.amount - t.amount) > tol) continue;
        const key = (m: Movement) =>
          [Math.abs(m.time - t.time), abs(m.amount - t.amount), m.time] as const;
        if (!best) best = c;
        else {
          const [a, b] = [key(c), key(best)];
          if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))))
            best = c;
        }
      }
      if (best) {
        used.add(best);
        pairs.push([best.ref, t.ref]);
      }
    }
    return pairs;
  }
  const abs = (v: bigint) => (v < 0n ? -v : v);

  it.each([
    [1, '0.005'],
    [2, '0.00000005'],
    [3, '0'],
    [4, '0.5'],
  ])('seed %i, tolerance %s', (seed, tolText) => {
    const rnd = random(seed);
    const tol = f(tolText);
    const ours: Movement[] = [];
    const theirs: Movement[] = [];
    // 400 rows of ours at distinct seconds, amounts on a coarse grid so that many are close;
    // the statement: most of them rounded and moved a few seconds, plus strays.
    for (let i = 0; i < 400; i++) {
      const currency = rnd() < 0.7 ? 'USD' : 'BTC';
      const cents = BigInt(Math.floor(rnd() * 40) - 20) * 10n ** 34n; // -0.20 .. 0.19
      // Up to twice the tolerance off the grid: about half within it (0 or 1 unit when exact).
      const noise =
        tol === 0n
          ? BigInt(Math.floor(rnd() * 2))
          : (BigInt(Math.floor(rnd() * 2000)) * 2n * tol) / 1000n;
      const amount = cents + (rnd() < 0.5 ? noise : -noise);
      const time = T + i * 7;
      ours.push({
        side: 'ours',
        time,
        currency,
        amount,
        externalId: null,
        ref: `o${i}`,
        label: '',
      });
      if (rnd() < 0.8) {
        const shift = Math.floor(rnd() * 200) - 100;
        const written = rnd() < 0.9 ? cents : amount + tol + 1n;
        theirs.push({
          side: 'theirs',
          time: time + shift,
          currency,
          amount: written,
          externalId: null,
          ref: `t${i}`,
          label: '',
        });
      }
    }
    const r = reconcile(ours, theirs, 120, () => tol);
    const expected = plain(ours, theirs, 120, tol);
    expect(expected.length).toBeGreaterThan(60);
    expect(r.matchedByTime.map((p) => [p.ours.ref, p.theirs.ref])).toEqual(expected);
    expect(r.unmatchedOurs.length).toBe(ours.length - expected.length);
    expect(r.unmatchedTheirs.length).toBe(theirs.length - expected.length);
  });
});
