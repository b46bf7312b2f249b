import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { downsideDeviation, sampleStdev, sharpeRatio, sortinoRatio } from './stats';
import { summarisePnl, summariseReturns } from './summary';

/** √365, the annualisation factor of a 365-day year (crypto trades every day). */
const ROOT365 = Math.sqrt(365); // 19.104973174542799

const pnl = (days: string[], amounts: string[]) =>
  days.map((day, i) => ({ day, pnl: parseFixed(amounts[i]) }));

describe('ratios on hand-made series', () => {
  it('Sharpe of 1, 2, 3: mean 2, sample stdev 1 → 2 × √365', () => {
    // deviations −1, 0, 1; Σ squares 2; / (n − 1 = 2) = 1; stdev 1
    expect(sampleStdev([1, 2, 3])).toBe(1);
    expect(sharpeRatio([1, 2, 3])).toBeCloseTo(2 * ROOT365, 10); // 38.2099463…
    expect(sortinoRatio([1, 2, 3])).toBeNull(); // no losing day: no downside deviation
  });

  it('Sharpe and Sortino of 3, −1, 2, −2', () => {
    // mean = 2 / 4 = 0.5; deviations 2.5, −1.5, 1.5, −2.5; Σ squares = 17; stdev = √(17/3)
    expect(sharpeRatio([3, -1, 2, -2])).toBeCloseTo((0.5 / Math.sqrt(17 / 3)) * ROOT365, 10); // 4.0128…
    // downside: √((1 + 4) / 4) = √1.25 (every day counts in n, gains as 0)
    expect(downsideDeviation([3, -1, 2, -2])).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(sortinoRatio([3, -1, 2, -2])).toBeCloseTo((0.5 / Math.sqrt(1.25)) * ROOT365, 10); // 8.5440…
    expect(sortinoRatio([3, -1, 2, -2])).toBeCloseTo(8.544003745, 6);
  });

  it('stdev 0 (every day the same) gives no Sharpe, never Infinity', () => {
    expect(sharpeRatio([5, 5, 5])).toBeNull();
    expect(sharpeRatio([0, 0, 0])).toBeNull();
    expect(sharpeRatio([])).toBeNull();
    expect(sharpeRatio([7])).toBeNull();
  });
});

describe('summarisePnl', () => {
  it('a drawdown that recovers, then one that does not', () => {
    const days = [
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
      '2026-02-03',
      '2026-02-04',
    ];
    // daily +10, −4, −6, +3, +8, −1 → cumulative 10, 6, 0, 3, 11, 10
    const r = summarisePnl(pnl(days, ['10', '-4', '-6', '3', '8', '-1']));
    expect(r.days.map((d) => d.cumulative)).toEqual(['10', '6', '0', '3', '11', '10']);
    // running peak 10, 10, 10, 10, 11, 11 → underwater 0, −4, −10, −7, 0, −1
    expect(r.days.map((d) => d.underwater)).toEqual(['0', '-4', '-10', '-7', '0', '-1']);
    expect(r.total).toBe('10');
    // episode 1: peak 10 at the close of 01-30, trough 0 at 02-01, back to 11 ≥ 10 at 02-03
    expect(r.maxDrawdown).toEqual({
      depth: '10',
      peakDay: '2026-01-30',
      troughDay: '2026-02-01',
      recoveryDay: '2026-02-03',
      durationDays: 4,
      daysToTrough: 2,
    });
    // episode 2: 11 → 10 on the last day, open at the end
    expect(r.drawdowns).toBe(2);
    expect(r.winDays).toEqual({ wins: 3, losses: 3, flat: 0, ratio: 0.5 });
    expect(r.best).toEqual({ day: '2026-01-30', value: '10' });
    expect(r.worst).toEqual({ day: '2026-02-01', value: '-6' });
    // January: 10 − 4 = 6 over 2 days; February: −6 + 3 + 8 − 1 = 4 over 4 days
    expect(r.months).toEqual([
      { month: '2026-01', value: '6', days: 2 },
      { month: '2026-02', value: '4', days: 4 },
    ]);
    // mean 10/6; Σ squared deviations from 5/3: (25/3)² + (17/3)² + (23/3)² + (4/3)² + (19/3)² + (8/3)²
    // = (625 + 289 + 529 + 16 + 361 + 64) / 9 = 1884 / 9; / 5 → stdev √(1884/45)
    expect(r.sharpe).toBeCloseTo((10 / 6 / Math.sqrt(1884 / 45)) * ROOT365, 9);
    // downside √((16 + 36 + 1) / 6) = √(53/6)
    expect(r.sortino).toBeCloseTo((10 / 6 / Math.sqrt(53 / 6)) * ROOT365, 9);
  });

  it('a drawdown from the start that does not recover', () => {
    // −5, −3, +2 → cumulative −5, −8, −6; peak is the start (0)
    const r = summarisePnl(pnl(['2026-03-01', '2026-03-02', '2026-03-03'], ['-5', '-3', '2']));
    expect(r.maxDrawdown).toEqual({
      depth: '8',
      peakDay: null,
      troughDay: '2026-03-02',
      recoveryDay: null,
      durationDays: 3,
      daysToTrough: 2,
    });
    expect(r.days.map((d) => d.underwater)).toEqual(['-5', '-8', '-6']);
  });

  it('exact to the last digit: money stays bigint', () => {
    const r = summarisePnl(
      pnl(['2026-03-01', '2026-03-02'], ['0.100000000000000001', '0.200000000000000002']),
    );
    expect(r.total).toBe('0.300000000000000003');
  });

  it('a single day', () => {
    const r = summarisePnl(pnl(['2026-03-01'], ['7']));
    expect(r.sharpe).toBeNull();
    expect(r.sortino).toBeNull();
    expect(r.maxDrawdown).toBeNull();
    expect(r.winDays).toEqual({ wins: 1, losses: 0, flat: 0, ratio: 1 });
    expect(r.best).toEqual({ day: '2026-03-01', value: '7' });
    expect(r.worst).toEqual({ day: '2026-03-01', value: '7' });
  });

  it('all-zero days: nothing to rank, no ratio', () => {
    const r = summarisePnl(pnl(['2026-03-01', '2026-03-02', '2026-03-03'], ['0', '0', '0']));
    expect(r.sharpe).toBeNull();
    expect(r.sortino).toBeNull();
    expect(r.maxDrawdown).toBeNull();
    expect(r.drawdowns).toBe(0);
    expect(r.winDays).toEqual({ wins: 0, losses: 0, flat: 3, ratio: null });
    expect(r.days.map((d) => d.underwater)).toEqual(['0', '0', '0']);
  });

  it('no day at all', () => {
    const r = summarisePnl([]);
    expect(r.total).toBe('0');
    expect(r.best).toBeNull();
    expect(r.months).toEqual([]);
  });
});

describe('summariseReturns', () => {
  it('chains returns into an index; drawdown as a fraction of the peak', () => {
    // index 1 → 1.1 → 0.55 → 1.1 (halving and doubling are exact in floating point)
    const r = summariseReturns([
      { day: '2026-03-31', r: 0.1 },
      { day: '2026-04-01', r: -0.5 },
      { day: '2026-04-02', r: 1 },
    ]);
    expect(r.days.map((d) => d.index)).toEqual([1.1, 0.55, 1.1]);
    expect(r.total).toBeCloseTo(0.1, 12);
    expect(r.maxDrawdown).toEqual({
      depth: 0.5, // 1 − 0.55 / 1.1
      peakDay: '2026-03-31',
      troughDay: '2026-04-01',
      recoveryDay: '2026-04-02',
      durationDays: 2,
      daysToTrough: 1,
    });
    expect(r.days.map((d) => d.underwater)).toEqual([0, -0.5, 0]);
    // March: 0.1; April: (1 − 0.5)(1 + 1) − 1 = 0
    expect(r.months.map((m) => [m.month, m.days])).toEqual([
      ['2026-03', 1],
      ['2026-04', 2],
    ]);
    expect(r.months[0].value).toBeCloseTo(0.1, 12);
    expect(r.months[1].value).toBeCloseTo(0, 12);
    expect(r.winDays.ratio).toBeCloseTo(2 / 3, 12);
  });
});
