import { describe, expect, it } from 'vitest';
import { computeFifoPnl, openingLots, type FifoPnl } from './fifo';
import { fixedToString, parseFixed } from '../../core/money/fixed';
import type { StrategyFill } from '../../fills/strategy-fills';
import { BTC_USD, T0, fill, minutes } from '@/tests/helpers/fills';

const START = new Date(T0);

/** The header figures of a result, for table comparisons. */
function figures(r: FifoPnl) {
  return {
    revenue: r.revenue,
    fees: r.fees,
    profit: r.profit,
    matchedVolume: r.matchedVolume,
    openPosition: r.openPosition,
    unrealizedPnl: r.unrealizedPnl,
  };
}

const run = (fills: StrategyFill[], markPrice?: string | null, lots: StrategyFill[] = []) =>
  computeFifoPnl({ start: START, openingLots: lots, fills, markPrice });

describe('computeFifoPnl: hand-computed cases', () => {
  it('one round trip', () => {
    const r = run([
      fill(1, 'BID', '1', '100', { fee: '0.5' }),
      fill(2, 'ASK', '1', '110', { fee: '0.5' }),
    ]);
    expect(figures(r)).toEqual({
      revenue: '10',
      fees: '1',
      profit: '9',
      matchedVolume: '1',
      openPosition: '0',
      unrealizedPnl: '0',
    });
    expect(r.positionSeries).toEqual([
      { t: T0, v: 0 },
      { t: minutes(1), v: 1 },
      { t: minutes(2), v: 0 },
    ]);
    expect(r.revenueSeries).toEqual([
      { t: T0, v: 0 },
      { t: minutes(2), v: 10 },
    ]);
    expect(r.profitSeries).toEqual([
      { t: T0, v: 0 },
      { t: minutes(2), v: 9 },
    ]);
    expect([r.fillCount, r.totalVolume, r.bidVolume, r.askVolume]).toEqual([2, '2', '1', '1']);
  });

  it('partial fills split the larger head, price and fee pro rata', () => {
    // bid 2 @ 100 (fee 1) is closed by asks 0.5 @ 110 and 1 @ 120; 0.5 stays open.
    //   round trip 1: ask 55 − bid 0.5/2 × 200 = 50 -> 5, fees 0.25 + 0.25
    //   round trip 2: ask 120 − bid 1/1.5 × 150 = 100 -> 20, fees 0.5 + 0.5
    //   open: bid 0.5 costing 50 + fee 0.25; at 130: −50.25 + 65 = 14.75
    const r = run(
      [
        fill(1, 'BID', '2', '200', { fee: '1' }),
        fill(2, 'ASK', '0.5', '55', { fee: '0.25' }),
        fill(3, 'ASK', '1', '120', { fee: '0.5' }),
      ],
      '130',
    );
    expect(figures(r)).toEqual({
      revenue: '25',
      fees: '1.5',
      profit: '23.5',
      matchedVolume: '1.5',
      openPosition: '0.5',
      unrealizedPnl: '14.75',
    });
    expect(r.openCashFlow).toBe('-50.25');
    expect(r.revenueSeries.map((p) => p.v)).toEqual([0, 5, 25]);
  });

  it('a position flips from long to short inside the window', () => {
    // bid 1 @ 100, ask 3 @ 110, bid 1 @ 90: 10 + 20 revenue; short 1 sold at 110; mark 100 -> +10
    const r = run(
      [fill(1, 'BID', '1', '100'), fill(2, 'ASK', '3', '330'), fill(3, 'BID', '1', '90')],
      '100',
    );
    expect(figures(r)).toEqual({
      revenue: '30',
      fees: '0',
      profit: '30',
      matchedVolume: '2',
      openPosition: '-1',
      unrealizedPnl: '10',
    });
    expect(r.positionSeries.map((p) => p.v)).toEqual([0, 1, -2, -1]);
    expect(r.closingPosition).toBe('-1');
  });

  it('opening lots of a long position: the newest bids, the oldest partly', () => {
    const history = [
      fill(-60, 'BID', '1', '95'),
      fill(-120, 'BID', '1', '90', { fee: '0.2' }),
      fill(-180, 'BID', '5', '400'),
    ];
    const opening = openingLots(history, '1.5');
    expect(opening.used).toBe(2);
    expect(opening.unexplainedVolume).toBe(0n);
    expect(
      opening.lots.map((l) => [
        fixedToString(l.volume),
        fixedToString(l.price),
        fixedToString(l.fee),
      ]),
    ).toEqual([
      ['0.5', '45', '0.1'],
      ['1', '95', '0'],
    ]);
    // ask 2 @ 100 closes 0.5 @ 90 (+5, fee 0.1) and 1 @ 95 (+5); 0.5 short remains
    const r = run([fill(1, 'ASK', '2', '200')], '100', opening.lots);
    expect(figures(r)).toEqual({
      revenue: '10',
      fees: '0.1',
      profit: '9.9',
      matchedVolume: '1.5',
      openPosition: '-0.5',
      unrealizedPnl: '0',
    });
    expect([r.openingPosition, r.closingPosition]).toEqual(['1.5', '-0.5']);
    expect(r.positionSeries).toEqual([
      { t: T0, v: 1.5 },
      { t: minutes(1), v: -0.5 },
    ]);
  });

  it('opening lots of a short position', () => {
    const history = [fill(-10, 'ASK', '0.4', '44'), fill(-20, 'ASK', '1', '105')];
    const opening = openingLots(history, '-1');
    expect(
      opening.lots.map((l) => [l.side, fixedToString(l.volume), fixedToString(l.price)]),
    ).toEqual([
      ['ASK', '0.6', '63'],
      ['ASK', '0.4', '44'],
    ]);
    // bid 1 @ 100 buys back 0.6 sold for 63 (+3) and 0.4 sold for 44 (+4)
    const r = run([fill(1, 'BID', '1', '100')], null, opening.lots);
    expect(figures(r)).toEqual({
      revenue: '7',
      fees: '0',
      profit: '7',
      matchedVolume: '1',
      openPosition: '0',
      unrealizedPnl: '0',
    });
  });

  it('fees in BTC are valued at the fundamental value and also reported in BTC', () => {
    const r = run([
      fill(1, 'BID', '1', '100', { fee: '0.001', feeCurrency: 'BTC', fundamentalValue: '120' }),
      fill(2, 'ASK', '1', '110', { fee: '0.5' }),
    ]);
    expect(figures(r)).toEqual({
      revenue: '10',
      fees: '0.62', // 0.001 BTC at the fundamental value 120 (plausible against 100) + 0.5
      profit: '9.38',
      matchedVolume: '1',
      openPosition: '0',
      unrealizedPnl: '0',
    });
    expect(r.volumeCurrencyFees).toBe('0.001');
  });

  it('EUR fills are converted with their order exchange_rate', () => {
    // bid 1 for EUR 100 at 1.1 = USD 110 (fee EUR 0.2 = USD 0.22); ask 1 for USD 120
    const r = run([
      fill(1, 'BID', '1', '100', {
        priceCurrency: 'EUR',
        feeCurrency: 'EUR',
        fee: '0.2',
        exchangeRate: '1.1',
      }),
      fill(2, 'ASK', '1', '120', { fee: '0' }),
    ]);
    expect(figures(r)).toEqual({
      revenue: '10',
      fees: '0.22',
      profit: '9.78',
      matchedVolume: '1',
      openPosition: '0',
      unrealizedPnl: '0',
    });
  });

  it('an empty window is all zeros', () => {
    const r = run([]);
    expect(r).toMatchObject({
      fillCount: 0,
      openingPosition: '0',
      closingPosition: '0',
      totalVolume: '0',
      revenue: '0',
      fees: '0',
      profit: '0',
      volumeCurrencyFees: '0',
      openPosition: '0',
      unrealizedPnl: '0',
    });
    expect(r.positionSeries).toEqual([{ t: T0, v: 0 }]);
    expect(r.revenueSeries).toEqual([{ t: T0, v: 0 }]);
  });

  it('an empty window with a carried position: unrealized needs a mark', () => {
    const lots = openingLots([fill(-5, 'BID', '2', '180')], '2').lots;
    expect(run([], null, lots).unrealizedPnl).toBeNull();
    expect(run([], '100', lots)).toMatchObject({
      openPosition: '2',
      openCashFlow: '-180',
      unrealizedPnl: '20',
      fillCount: 0,
    });
  });

  it('is exact: 0.1 + 0.2 of volume and money', () => {
    const r = run([
      fill(1, 'BID', '0.1', '0.1'),
      fill(2, 'BID', '0.2', '0.2'),
      fill(3, 'ASK', '0.3', '0.33'),
    ]);
    expect(figures(r)).toMatchObject({ revenue: '0.03', matchedVolume: '0.3', openPosition: '0' });
  });

  it('a split by a third keeps the pieces adding up to the fill', () => {
    // bid 3 for 100 closed in thirds: each third costs 33.33…; the revenue sums exactly to 200 − 100
    const r = run([
      fill(1, 'BID', '3', '100'),
      fill(2, 'ASK', '1', '100'),
      fill(3, 'ASK', '1', '50'),
      fill(4, 'ASK', '1', '50'),
    ]);
    expect(r.revenue).toBe('100');
    expect(r.openPosition).toBe('0');
  });

  it('equal heads close together', () => {
    const r = run([
      fill(1, 'ASK', '1', '110'),
      fill(2, 'BID', '1', '100'),
      fill(3, 'ASK', '2', '230'),
      fill(4, 'BID', '2', '200'),
    ]);
    expect(figures(r)).toMatchObject({ revenue: '40', matchedVolume: '3', openPosition: '0' });
    expect(r.revenueSeries.map((p) => [p.t, p.v])).toEqual([
      [T0, 0],
      [minutes(2), 10],
      [minutes(4), 40],
    ]);
  });

  it('round trips realized in the same instant make one point; the series never goes back in time', () => {
    const r = run([
      fill(1, 'BID', '1', '100'),
      fill(1, 'BID', '1', '101'),
      fill(2, 'ASK', '0.5', '55', { tradeId: 900 }),
      fill(2, 'ASK', '1.5', '165', { tradeId: 901 }),
    ]);
    expect(r.revenueSeries.map((p) => [p.t, p.v])).toEqual([
      [T0, 0],
      [minutes(2), 19],
    ]);
    const times = r.positionSeries.map((p) => p.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('sorts fills given out of (time, trade id) order', () => {
    const a = fill(1, 'BID', '1', '100');
    const b = fill(2, 'ASK', '1', '110');
    const c = fill(3, 'BID', '2', '180');
    const d = fill(4, 'ASK', '2', '230');
    expect(figures(run([d, b, c, a]))).toEqual(figures(run([a, b, c, d])));
    expect(run([d, b, c, a]).positionSeries.map((p) => p.v)).toEqual([0, 1, 0, 2, 0]);
  });
});

describe('openingLots', () => {
  it('no position, no lots', () => {
    expect(openingLots([fill(-1, 'BID', '1', '1')], '0')).toEqual({
      lots: [],
      unexplainedVolume: 0n,
      used: 0,
    });
  });

  it('takes exactly what is needed when a fill matches the remainder', () => {
    const r = openingLots(
      [fill(-1, 'BID', '1', '100'), fill(-2, 'BID', '1', '90'), fill(-3, 'BID', '1', '80')],
      parseFixed('2'),
    );
    expect(r.used).toBe(2);
    expect(r.lots.map((l) => fixedToString(l.price))).toEqual(['90', '100']);
  });

  it('flags history that does not explain the position instead of looping', () => {
    const opening = openingLots([fill(-1, 'BID', '1.5', '135')], '2');
    expect(fixedToString(opening.unexplainedVolume)).toBe('0.5');
    expect(opening.lots[0]).toMatchObject({ unpriced: true, side: 'BID' });
    // ask 2 @ 100/unit: 0.5 closes the unknown-cost part (left out), 1.5 closes the 135 lot (+15)
    const r = computeFifoPnl({
      start: START,
      openingLots: opening.lots,
      fills: [fill(1, 'ASK', '2', '200')],
    });
    expect(figures(r)).toMatchObject({ revenue: '15', matchedVolume: '1.5', openPosition: '0' });
    expect([r.unpricedMatchedVolume, r.unexplainedOpeningVolume, r.openingPosition]).toEqual([
      '0.5',
      '0.5',
      '2',
    ]);
  });

  it('an unexplained part still open has no unrealized P&L', () => {
    const opening = openingLots([], '-1');
    const r = computeFifoPnl({
      start: START,
      openingLots: opening.lots,
      fills: [],
      markPrice: '100',
    });
    expect(r.unrealizedPnl).toBeNull();
    expect(r.openPosition).toBe('-1');
  });

  it('rejects fills on the wrong side', () => {
    expect(() => openingLots([fill(-1, 'ASK', '1', '1')], '1')).toThrow(/must be BIDs/);
  });
});

describe('computeFifoPnl: scale', () => {
  it('stays linear: 200,000 alternating fills', () => {
    const fills: StrategyFill[] = [];
    for (let i = 0; i < 200_000; i++) {
      fills.push({
        ...fill(0, i % 2 === 0 ? 'BID' : 'ASK', '0.01', i % 2 === 0 ? '400' : '401', {}, BTC_USD),
        tradeId: i + 1,
        timeMs: T0 + i * 1000,
      });
    }
    const r = computeFifoPnl({ start: START, openingLots: [], fills });
    expect(r.revenue).toBe('100000');
    expect(r.positionSeries).toHaveLength(200_001);
  });
});
