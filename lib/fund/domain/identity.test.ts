import { describe, expect, it } from 'vitest';
import { Dec } from '../../core/money/money';
import { parseFixed } from '../../core/money/fixed';
import { costOfOpenLots } from './lots';
import { prepareFund, type FundInput } from './prepare';
import { resolveRates } from './rate-table';
import { mergeRateSources } from './rates';
import { finishFund } from './report';
import { strategyId } from './types';
import { LOTS, fill, scenario, tx } from '@/tests/helpers/fund-scenario';

const rates = (days: readonly string[]) =>
  resolveRates({
    currencies: ['USD', 'BTC', 'EUR'],
    days,
    candidates: mergeRateSources([
      {
        source: 'trading',
        rates: new Map([
          [
            'BTC',
            new Map([
              ['2024-03-02', parseFixed('100')],
              ['2024-03-03', parseFixed('110')],
              ['2024-03-04', parseFixed('120')],
            ]),
          ],
          [
            'EUR',
            new Map([
              ['2024-03-02', parseFixed('1.1')],
              ['2024-03-03', parseFixed('1.2')],
            ]),
          ],
        ]),
      },
    ]),
  });

function run(input: FundInput = scenario()) {
  const prepared = prepareFund(input);
  const noUnrated = () => 0n;
  const mm = prepared.strategies.get(strategyId({ actor: 'MM', volumeCurrency: 'BTC' }))!;
  const arb = prepared.strategies.get(strategyId({ actor: 'ARB', volumeCurrency: 'BTC' }))!;
  const lots = new Map([
    [
      strategyId(mm.key),
      {
        atStart: costOfOpenLots(LOTS.mmBeforeStart, mm.opening, noUnrated),
        atEnd: costOfOpenLots(LOTS.mmBeforeEnd, mm.closing, noUnrated),
      },
    ],
    [
      strategyId(arb.key),
      {
        atStart: costOfOpenLots([], arb.opening, noUnrated),
        atEnd: costOfOpenLots(LOTS.arbBeforeEnd, arb.closing, noUnrated),
      },
    ],
  ]);
  return finishFund(prepared, {
    rates: rates(input.timeline.days),
    lots,
    describeStrategy: (k) => ({ displayName: k.actor, href: null }),
    maxPoints: 2000,
  });
}

describe('the fund identity on a hand-computed history', () => {
  it('values net assets at both ends (holdings − liabilities at that day’s rates)', () => {
    const r = run();
    // start: USD 819 + BTC 2 × 100 + EUR 150 × 1.1 − loan 200
    expect(r.figures.netAssetsStart).toBe('984');
    // end: USD 828.5 + BTC 0.009 × 120 + EUR 187.7 × 1.2 − EUR 50 × 1.2
    expect(r.figures.netAssetsEnd).toBe('994.82');
    expect(r.figures.change).toBe('10.82');
    expect(r.figures.liabilitiesStart).toBe('200');
    expect(r.figures.liabilitiesEnd).toBe('60');
  });

  it('says whether the business made money: profit, and the result before capital and loans', () => {
    const f = run().figures;
    expect(f.costs).toBe('39.16'); // fees 0.85 + wire fees 2.31 + rent 36
    expect(f.profit).toBe('31.34'); // revenue 70.5 − 39.16
    expect(f.result).toBe('20.82'); // + unrealized −17.5 + revaluation 5.88 + drift 1.1
    expect(f.financing).toBe('-10'); // capital flows −155 + liabilities +145
    // the change is that result plus capital flows (−155) and liabilities (+145)
    expect(new Dec(f.result).plus(-155).plus(145).toFixed()).toBe(f.change);
  });

  it('checks every part against its hand-computed value, and they add up exactly', () => {
    const r = run();
    expect(Object.fromEntries(r.parts.map((p) => [p.key, p.usd]))).toEqual({
      tradingRevenue: '70.5', // FIFO: 30 + 5 + 19 + 16.5 (MM); ARB's short is still open
      tradingFees: '-0.85', // 0.5 USD + 0.1 EUR × 1.1 + 0.2 EUR × 1.2
      transferFees: '-2.31', // wire 2 EUR × 1.1 + BTC 0.001 × 110
      operatingCosts: '-36', // rent 30 EUR × 1.2
      capitalFlows: '-155', // investor 50 EUR × 1.1 − loan repayment 210
      liabilities: '145', // investor taken on −55, loan repaid +200
      drift: '1.1', // 0.01 BTC × 110
      unrealizedPnl: '-17.5', // MM (0.5 × 120 − 52.5) − (2 × 100 − 180); ARB −0.5 × 120 + 55
      revaluation: '5.88', // BTC 0.009 × 10; EUR 47.9 × 0.1 + conversion (−5 + 6)
      discrepancy: '0',
    });
    const sum = r.parts
      .filter((p) => p.key !== 'discrepancy')
      .reduce((s, p) => s.plus(p.usd), new Dec(0));
    expect(sum.toFixed()).toBe(r.figures.change);
    expect(r.revaluation).toEqual([
      { currency: 'BTC', usd: '0.09' },
      { currency: 'EUR', usd: '5.79' },
    ]);
  });

  it('lists per-strategy revenue, the operating costs with descriptions, capital flows and liabilities', () => {
    const r = run();
    expect(
      r.strategies.map((s) => [s.actor, s.revenue, s.fees, s.positionStart, s.positionEnd]),
    ).toEqual([
      ['ARB', '0', '0', '0', '-0.5'],
      ['MM', '70.5', '0.85', '2', '0.5'],
    ]);
    expect(r.operatingCosts).toMatchObject([
      {
        account: 'BURN',
        kind: 'cost',
        amount: '30',
        currency: 'EUR',
        usd: '36',
        description: 'Rent',
      },
    ]);
    expect(r.capitalFlows.map((c) => [c.account, c.amount, c.usd, c.description])).toEqual([
      ['BANK', '50', '55', 'Investor subscription'],
      ['EX_BTC_USD', '-210', '-210', 'Loan repayment'],
    ]);
    expect(
      r.liabilities.map((l) => [l.entity, l.usdStart, l.usdEnd, l.takenInWindow, l.repaidInWindow]),
    ).toEqual([
      ['Lender', '200', null, false, true],
      ['Investor', null, '60', true, false],
    ]);
    expect(r.drift).toEqual({ count: 1, usd: '1.1' });
  });

  it('counts a transfer between own accounts once while under way, and shows it in transit', () => {
    const r = run();
    const transit = r.accounts.filter((a) => a.account === '');
    // the BTC sent at 20:00 has not landed: in transit, not lost
    expect(transit).toEqual([
      { account: '', currency: 'BTC', start: '0', end: '0.2', usdStart: '0', usdEnd: '24' },
    ]);
    expect(r.accounts.find((a) => a.account === 'EX_BTC_EUR' && a.currency === 'EUR')?.end).toBe(
      '119.7',
    );
  });

  it('warns about a carried rate instead of valuing at zero', () => {
    const r = run();
    expect(r.rates.find((x) => x.currency === 'EUR')).toMatchObject({
      days: { trading: 2, carried: 1 },
      rateEnd: '1.2',
    });
    expect(r.warnings.join('\n')).toContain(
      'No EUR rate for 2024-03-04: valued at the nearest known rate (2024-03-03 (trading database))',
    );
  });

  it('shows an inconsistency in the discrepancy: a transfer received short, a fill on no account', () => {
    const input = scenario();
    const short = input.transactions.find(
      (x) => x.account === 'EX_BTC_EUR' && x.currency === 'EUR',
    )!;
    short.amount = '99';
    expect(run(input).figures.discrepancy).toBe('-1.1'); // 1 EUR lost, at 03-02's rate

    const stray = scenario();
    stray.windowFills = [
      ...stray.windowFills,
      fill({
        day: '2024-03-03',
        account: 'NOWHERE',
        actor: 'X',
        side: 'BID',
        volume: '0',
        price: '10',
        priceUsd: '10',
      }),
    ];
    const r = run(stray);
    expect(r.figures.discrepancy).toBe('10'); // spent 10 USD from no account
    expect(r.warnings.join('\n')).toContain('1 fills are on "NOWHERE"');
  });

  it('draws one point per boundary, net = assets − liabilities', () => {
    const r = run();
    expect(r.series.points.map((p) => [p.assets, p.liabilities, p.netAssets])).toEqual([
      [1184, 200, 984],
      [1265.98, 260, 1005.98], // 983.5 + 1.5 × 110 + 97.9 × 1.2
      [1054.82, 60, 994.82],
    ]);
  });

  it('ignores a drift-free deposit outside the window and a cancelled transaction', () => {
    const input = scenario();
    input.transactions = [
      ...input.transactions,
      tx({
        account: 'BANK',
        type: 'DEPOSIT',
        amount: '1',
        currency: 'USD',
        at: '2024-03-05T00:00:00',
      }),
    ];
    expect(run(input).figures.change).toBe('10.82');
  });
});

describe('transfers as Gryphon writes them, without a shared id (record_fiat_withdrawal, the bank bot)', () => {
  type Extra = Parameters<typeof tx>[0];
  const details = (d: Record<string, unknown>) => ({
    detailsKey: JSON.stringify(d),
    description: typeof d.description === 'string' ? d.description : null,
  });
  /** The scenario with these transactions added (ids after the scenario's own). */
  function withTx(...extra: Extra[]) {
    const input = scenario();
    input.transactions = [...input.transactions, ...extra.map(tx)];
    return run(input);
  }
  const parts = (r: ReturnType<typeof run>) =>
    Object.fromEntries(r.parts.map((p) => [p.key, new Dec(p.usd)]));
  /** Each part's change against the plain scenario, in USD. */
  function deltas(r: ReturnType<typeof run>) {
    const base = parts(run());
    return Object.fromEntries(
      Object.entries(parts(r)).map(([k, v]) => [k, v.minus(base[k]).toString()]),
    );
  }
  const zero = {
    tradingRevenue: '0',
    tradingFees: '0',
    transferFees: '0',
    operatingCosts: '0',
    capitalFlows: '0',
    liabilities: '0',
    drift: '0',
    unrealizedPnl: '0',
    revaluation: '0',
    discrepancy: '0',
  };

  it('counts a bank-bot burn once, as an operating cost (not also as a capital outflow)', () => {
    const rent = details({ description: 'Office rent February' });
    const r = withTx(
      {
        account: 'BANK',
        type: 'WITHDRAWL',
        amount: '20',
        currency: 'EUR',
        at: '2024-03-03T09:00:00',
        ...rent,
      },
      {
        account: 'BURN',
        type: 'DEPOSIT',
        amount: '20',
        currency: 'EUR',
        at: '2024-03-03T09:00:00',
        ...rent,
      },
    );
    expect(deltas(r)).toEqual({ ...zero, operatingCosts: '-24' }); // 20 EUR × 1.2
    expect(r.operatingCosts.find((c) => c.description === 'Office rent February')).toMatchObject({
      kind: 'cost',
      amount: '20',
      currency: 'EUR',
      usd: '24',
    });
    expect(r.transfers).toMatchObject({ pairedByDetails: 1, ambiguous: [] });
  });

  it('counts a reverse burn (BURN to the bank, the deposit a second later) as a refund', () => {
    const interest = details({ description: 'Bank interest' });
    const r = withTx(
      {
        account: 'BURN',
        type: 'WITHDRAWL',
        amount: '5',
        currency: 'EUR',
        at: '2024-03-02T15:00:00',
        ...interest,
      },
      {
        account: 'BANK',
        type: 'DEPOSIT',
        amount: '5',
        currency: 'EUR',
        at: '2024-03-02T15:00:01',
        ...interest,
      },
    );
    // 5 EUR back × 1.1; then held in the bank while EUR went from 1.1 to 1.2: +0.5
    expect(deltas(r)).toEqual({ ...zero, operatingCosts: '5.5', revaluation: '0.5' });
    expect(r.operatingCosts.find((c) => c.description === 'Bank interest')).toMatchObject({
      kind: 'refund',
      amount: '-5',
      usd: '-5.5',
    });
  });

  it('counts a wire whose fee came out of the amount as a transfer: only the fee is a cost', () => {
    const r = withTx(
      {
        account: 'EX_BTC_USD',
        type: 'WITHDRAWL',
        amount: '285',
        fee: '15',
        currency: 'USD',
        at: '2024-03-02T10:00:00',
        detailsKey: '{}',
      },
      {
        account: 'BANK',
        type: 'DEPOSIT',
        amount: '285',
        currency: 'USD',
        at: '2024-03-02T10:00:00',
        done: '2024-03-03T08:00:00',
        detailsKey: '{}',
      },
    );
    expect(deltas(r)).toEqual({ ...zero, transferFees: '-15' });
  });

  it('counts a cross-currency wire as a transfer whose conversion result is FX revaluation', () => {
    const rate = { detailsKey: JSON.stringify({ exchange_rate: '1.1' }), exchangeRate: '1.1' };
    const r = withTx(
      {
        account: 'EX_BTC_USD',
        type: 'WITHDRAWL',
        amount: '110',
        currency: 'USD',
        at: '2024-03-02T12:00:00',
        ...rate,
      },
      {
        account: 'EX_BTC_EUR',
        type: 'DEPOSIT',
        amount: '100',
        currency: 'EUR',
        at: '2024-03-02T12:00:00',
        done: '2024-03-03T06:00:00',
        ...rate,
      },
    );
    // 110 USD left on 03-02; 100 EUR landed on 03-03, worth 120 USD at that day's rate: +10
    expect(deltas(r)).toEqual({ ...zero, revaluation: '10' });
    const eur = (x: ReturnType<typeof run>) =>
      new Dec(x.revaluation.find((v) => v.currency === 'EUR')?.usd ?? '0');
    expect(eur(r).minus(eur(run())).toString()).toBe('10');
  });

  it('keeps a wire still in flight at the window end in transit, not lost', () => {
    const wire = details({ description: 'Wire to EX_BTC_EUR' });
    const r = withTx(
      {
        account: 'BANK',
        type: 'WITHDRAWL',
        amount: '40',
        currency: 'EUR',
        at: '2024-03-03T15:00:00',
        ...wire,
      },
      {
        account: 'EX_BTC_EUR',
        type: 'DEPOSIT',
        amount: '40',
        currency: 'EUR',
        at: '2024-03-03T15:00:00',
        done: null,
        ...wire,
      },
    );
    expect(deltas(r)).toEqual(zero);
    expect(r.accounts.find((a) => a.account === '' && a.currency === 'EUR')).toMatchObject({
      start: '0',
      end: '40',
      usdEnd: '48',
    });
  });

  it('pairs identical candidates deterministically and lists them as ambiguous', () => {
    const r = withTx(
      {
        account: 'BANK',
        type: 'WITHDRAWL',
        amount: '10',
        currency: 'EUR',
        at: '2024-03-03T11:00:00',
        detailsKey: '{}',
      },
      {
        account: 'BANK',
        type: 'WITHDRAWL',
        amount: '10',
        currency: 'EUR',
        at: '2024-03-03T11:00:00',
        detailsKey: '{}',
      },
      {
        account: 'BURN',
        type: 'DEPOSIT',
        amount: '10',
        currency: 'EUR',
        at: '2024-03-03T11:00:00',
        detailsKey: '{}',
      },
      {
        account: 'BURN',
        type: 'DEPOSIT',
        amount: '10',
        currency: 'EUR',
        at: '2024-03-03T11:00:00',
        detailsKey: '{}',
      },
    );
    expect(deltas(r)).toEqual({ ...zero, operatingCosts: '-24' });
    const [a, b] = r.transfers.ambiguous;
    expect(r.transfers.ambiguous).toHaveLength(2);
    expect([a.withdrawalId, a.depositId, a.alternatives]).toEqual([
      a.withdrawalId,
      a.withdrawalId + 2,
      [a.withdrawalId + 1, a.withdrawalId + 3],
    ]);
    expect([b.withdrawalId, b.depositId]).toEqual([a.withdrawalId + 1, a.withdrawalId + 3]);
  });
});
