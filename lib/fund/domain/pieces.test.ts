import { describe, expect, it } from 'vitest';
import { fixedToString, parseFixed } from '../../core/money/fixed';
import { buildTimeline, planDayRanges, sampleBoundaries } from './days';
import { costOfOpenLots } from './lots';
import { resolveRates } from './rate-table';
import { mergeRateSources, tradingRatesFromFills } from './rates';
import { classifyTransactions } from './transfers';
import { fill, tx } from '@/tests/helpers/fund-scenario';

const t = (s: string) => Date.parse(`${s}Z`);
const f = (v: bigint) => fixedToString(v, 36);

describe('fund timeline', () => {
  it('cuts a window at every UTC midnight and values each boundary at the day it falls in', () => {
    const tl = buildTimeline(t('2024-03-01T10:00:00'), t('2024-03-03T00:00:00'));
    expect(tl.intervals.map((i) => i.day)).toEqual(['2024-03-01', '2024-03-02']);
    expect(tl.boundaryDays).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
    expect(tl.days).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
    expect(buildTimeline(5, 5).intervals).toEqual([]);
  });

  it.each([
    ['inside one day', '2024-03-01T10:00:00', '2024-03-01T12:00:00', null, 1],
    ['whole days', '2024-03-01T00:00:00', '2024-03-04T00:00:00', ['2024-03-01', '2024-03-04'], 0],
    [
      'cut at both ends',
      '2024-03-01T10:00:00',
      '2024-03-04T06:00:00',
      ['2024-03-02', '2024-03-04'],
      2,
    ],
    ['across one midnight', '2024-03-01T10:00:00', '2024-03-02T06:00:00', null, 2],
  ])('plans checkpoint days and live parts: %s', (_, a, b, whole, partials) => {
    const plan = planDayRanges(t(a), t(b));
    expect(plan.wholeDays ? [plan.wholeDays.fromDay, plan.wholeDays.toDay] : null).toEqual(whole);
    expect(plan.partials).toHaveLength(partials as number);
  });

  it('keeps a series under the point budget, whole steps, always the last point', () => {
    expect(sampleBoundaries(367, 2000)).toHaveLength(367);
    const long = sampleBoundaries(3654, 2000);
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(long[1] - long[0]).toBe(2);
    expect(long[long.length - 1]).toBe(3653);
  });
});

describe('fund rates', () => {
  it('derives a crypto VWAP from volume-currency fills and a fiat rate from price-currency fills', () => {
    const rates = tradingRatesFromFills([
      fill({
        day: '2024-03-01',
        account: 'A',
        actor: 'X',
        side: 'BID',
        volume: '1',
        price: '100',
        priceUsd: '100',
      }),
      fill({
        day: '2024-03-01',
        account: 'B',
        actor: 'X',
        side: 'ASK',
        volume: '2',
        price: '180',
        priceUsd: '198',
        priceCurrency: 'EUR',
      }),
      fill({
        day: '2024-03-01',
        account: 'B',
        actor: 'X',
        side: 'ASK',
        volume: '1',
        price: '90',
        priceUsd: '0',
        priceCurrency: 'EUR',
        rated: false,
      }),
    ]);
    expect(f(rates.get('BTC')!.get('2024-03-01')!)).toBe('99.333333333333'); // 298 / 3, 12 places
    expect(f(rates.get('EUR')!.get('2024-03-01')!)).toBe('1.1');
    expect(rates.has('USD')).toBe(false);
  });

  it('prefers sources in order, carries the last rate forward, else the next one back, else none', () => {
    const candidates = mergeRateSources([
      { source: 'import', rates: new Map([['EUR', new Map([['2024-03-03', parseFixed('1.3')]])]]) },
      {
        source: 'trading',
        rates: new Map([
          [
            'EUR',
            new Map([
              ['2024-03-03', parseFixed('1.2')],
              ['2024-03-05', parseFixed('1.25')],
            ]),
          ],
        ]),
      },
    ]);
    const table = resolveRates({
      currencies: ['USD', 'EUR', 'XRP'],
      days: ['2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05'],
      candidates,
    });
    expect(table.get('EUR', '2024-03-02')).toMatchObject({
      source: 'carried',
      from: { day: '2024-03-03', source: 'import' },
    });
    expect(table.get('EUR', '2024-03-03')).toMatchObject({ source: 'import' });
    expect(f(table.rate('EUR', '2024-03-04'))).toBe('1.3');
    expect(table.get('EUR', '2024-03-05')).toMatchObject({ source: 'trading' });
    expect(table.get('XRP', '2024-03-03')).toEqual({ rate: 0n, source: 'none' });
    expect(table.get('USD', '2024-03-03')).toMatchObject({ source: 'usd' });
  });
});

describe('transfers between own accounts and payments into BURN', () => {
  const kind = (a: string) => (a === 'BURN' ? 'burn' : 'asset');
  const sum = (events: ReturnType<typeof classifyTransactions>['assetEvents'], before: number) =>
    f(events.filter((e) => e.time < before).reduce((s, e) => s + e.amount, 0n));

  it('counts a deposit recorded before its withdrawal once, and nothing once both are done', () => {
    const c = classifyTransactions(
      [
        tx({
          account: 'A',
          type: 'WITHDRAWL',
          amount: '5',
          currency: 'BTC',
          at: '2024-03-01T12:00:00',
          transferKeys: ['h'],
        }),
        tx({
          account: 'B',
          type: 'DEPOSIT',
          amount: '5',
          currency: 'BTC',
          at: '2024-03-01T10:00:00',
          transferKeys: ['h'],
        }),
      ],
      kind,
    );
    expect(c.pairs).toHaveLength(1);
    expect(sum(c.assetEvents, t('2024-03-01T11:00:00'))).toBe('0');
    expect(sum(c.assetEvents, t('2024-03-02T00:00:00'))).toBe('0');
    expect(c.assetEvents.filter((e) => e.category === 'capital')).toEqual([]);
  });

  it('does not pair legs in the same account or in another currency; cancelled legs are ignored', () => {
    const c = classifyTransactions(
      [
        tx({
          account: 'A',
          type: 'WITHDRAWL',
          amount: '5',
          currency: 'USD',
          at: '2024-03-01T12:00:00',
          transferKeys: ['w'],
        }),
        tx({
          account: 'A',
          type: 'DEPOSIT',
          amount: '5',
          currency: 'USD',
          at: '2024-03-01T13:00:00',
          transferKeys: ['w'],
        }),
        tx({
          account: 'B',
          type: 'DEPOSIT',
          amount: '5',
          currency: 'EUR',
          at: '2024-03-01T13:00:00',
          transferKeys: ['w'],
        }),
        tx({
          account: 'C',
          type: 'DEPOSIT',
          amount: '5',
          currency: 'USD',
          at: '2024-03-01T13:00:00',
          transferKeys: ['w'],
          status: 'OTHER',
        }),
      ],
      kind,
    );
    expect(c.pairs).toEqual([]);
    expect(c.assetEvents.map((e) => e.category)).toEqual(['capital', 'capital', 'capital']);
  });

  it('lists BURN deposits as costs and BURN withdrawals as refunds, with their descriptions', () => {
    const c = classifyTransactions(
      [
        tx({
          account: 'BANK',
          type: 'WITHDRAWL',
          amount: '100',
          currency: 'USD',
          fee: '25',
          at: '2024-03-01T12:00:00',
          transferKeys: ['c'],
        }),
        tx({
          account: 'BURN',
          type: 'DEPOSIT',
          amount: '100',
          currency: 'USD',
          at: '2024-03-01T12:00:00',
          transferKeys: ['c'],
          description: 'Rent',
        }),
        tx({
          account: 'BURN',
          type: 'WITHDRAWL',
          amount: '10',
          currency: 'USD',
          at: '2024-03-02T12:00:00',
          description: 'Refund',
        }),
      ],
      kind,
    );
    expect(c.costEvents.map((e) => [f(e.amount), e.description])).toEqual([
      ['100', 'Rent'],
      ['-10', 'Refund'],
    ]);
    expect(c.assetEvents.map((e) => [e.category, f(e.amount)])).toEqual([
      ['cost-payment', '-100'],
      ['fee', '-25'],
    ]);
  });
});

describe('open lots', () => {
  const lot = (
    tradeId: number,
    side: 'BID' | 'ASK',
    volume: string,
    usd: string | null,
    price = usd ?? '0',
  ) => ({
    tradeId,
    timeMs: tradeId,
    day: '2024-03-01',
    side,
    volume,
    price,
    priceCurrency: 'EUR',
    priceUsd: usd,
  });
  it('takes the newest fills, the oldest partly, and values fills without a rate by the caller', () => {
    const r = costOfOpenLots(
      [lot(3, 'BID', '1', '110'), lot(2, 'BID', '2', null, '200'), lot(1, 'BID', '5', '400')],
      parseFixed('2'),
      () => parseFixed('220'),
    );
    expect([f(r.cost), f(r.unexplained), r.used]).toEqual(['220', '0', 2]); // 110 + half of 220
    const short = costOfOpenLots([lot(1, 'ASK', '1', '50')], parseFixed('-3'), () => 0n);
    expect([f(short.cost), f(short.unexplained)]).toEqual(['-50', '2']);
  });
});
