import { type Fixed, fixedToNumber, fixedToString } from '../../core/money/fixed';
import { cmpBig, cmpNum, drawdownEpisodes, maxDrawdown, underwater } from './drawdown';
import { compound, monthCells } from './months';
import { bestWorst, sharpeRatio, sortinoRatio, winDays, type WinDays } from './stats';

/**
 * The performance report's statistics of a daily series (docs/report.md), shared by the
 * strategy report (daily P&L, exact money) and the fund report (daily time-weighted returns).
 * Boundary k is the end of day k − 1 (k ≥ 1); boundary 0 is the window's start. A drawdown's
 * dates name the day at whose close the level stood there (null: the window's start).
 */
export interface DrawdownFigure<V> {
  depth: V;
  peakDay: string | null;
  troughDay: string;
  /** null: not recovered by the window's end. */
  recoveryDay: string | null;
  /** Days from the peak to the recovery, or to the window's end when not recovered. */
  durationDays: number;
  daysToTrough: number;
}

export interface SeriesStats<V> {
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: DrawdownFigure<V> | null;
  drawdowns: number;
  winDays: WinDays;
  best: { day: string; value: V } | null;
  worst: { day: string; value: V } | null;
  months: Array<{ month: string; value: V; days: number }>;
}

function figure<V>(
  e: { peak: number; trough: number; recovery: number | null; depth: V } | null,
  days: readonly string[],
): DrawdownFigure<V> | null {
  if (!e) return null;
  const dayAt = (k: number) => days[k - 1];
  return {
    depth: e.depth,
    peakDay: e.peak === 0 ? null : dayAt(e.peak),
    troughDay: dayAt(e.trough),
    recoveryDay: e.recovery === null ? null : dayAt(e.recovery),
    durationDays: (e.recovery ?? days.length) - e.peak,
    daysToTrough: e.trough - e.peak,
  };
}

export interface PnlDay {
  day: string;
  pnl: Fixed;
}

/** Money figures leave as exact decimal strings (18 places). */
export interface PnlReport extends SeriesStats<string> {
  days: Array<{ day: string; pnl: string; cumulative: string; underwater: string }>;
  total: string;
}

/**
 * Daily P&L in money: Sharpe and Sortino of the daily P&L itself (scale-free: the same ratio
 * as returns on any constant capital), drawdowns on the cumulative P&L in money.
 */
export function summarisePnl(days: readonly PnlDay[]): PnlReport {
  const levels: Fixed[] = [0n];
  for (const d of days) levels.push(levels[levels.length - 1] + d.pnl);
  const under = underwater(levels, cmpBig, (l, p) => l - p);
  const episodes = drawdownEpisodes(levels, cmpBig, (p, t) => p - t);
  const names = days.map((d) => d.day);
  const s = fixedToString;
  const worst = maxDrawdown(episodes, cmpBig);
  const bw = bestWorst(days, (a, b) => cmpBig(a.pnl, b.pnl));
  const numbers = days.map((d) => fixedToNumber(d.pnl));
  const dd = figure(worst, names);
  return {
    days: days.map((d, i) => ({
      day: d.day,
      pnl: s(d.pnl),
      cumulative: s(levels[i + 1]),
      underwater: s(under[i + 1]),
    })),
    total: s(levels[levels.length - 1]),
    sharpe: sharpeRatio(numbers),
    sortino: sortinoRatio(numbers),
    maxDrawdown: dd && { ...dd, depth: s(dd.depth) },
    drawdowns: episodes.length,
    winDays: winDays(days, (d) => cmpBig(d.pnl, 0n)),
    best: bw && { day: days[bw.best].day, value: s(days[bw.best].pnl) },
    worst: bw && { day: days[bw.worst].day, value: s(days[bw.worst].pnl) },
    months: monthCells(
      days.map((d) => ({ day: d.day, value: d.pnl })),
      (a, b) => a + b,
    ).map((c) => ({ ...c, value: s(c.value) })),
  };
}

export interface ReturnDay {
  day: string;
  /** The day's time-weighted return, a fraction (0.01 = 1 %). */
  r: number;
}

export interface ReturnReport extends SeriesStats<number> {
  days: Array<{ day: string; r: number; index: number; underwater: number }>;
  /** Chained return over the window: Π(1 + r) − 1. */
  total: number;
}

/**
 * Daily returns chained into an index (1 at the start): Sharpe and Sortino of the daily
 * returns, drawdowns on the index as fractions of its peak (index / peak − 1).
 */
export function summariseReturns(days: readonly ReturnDay[]): ReturnReport {
  const levels: number[] = [1];
  for (const d of days) levels.push(levels[levels.length - 1] * (1 + d.r));
  const under = underwater(levels, cmpNum, (l, p) => (p > 0 ? l / p - 1 : 0));
  const episodes = drawdownEpisodes(levels, cmpNum, (p, t) => (p > 0 ? 1 - t / p : 0));
  const names = days.map((d) => d.day);
  const bw = bestWorst(days, (a, b) => a.r - b.r);
  const rs = days.map((d) => d.r);
  return {
    days: days.map((d, i) => ({
      day: d.day,
      r: d.r,
      index: levels[i + 1],
      underwater: under[i + 1],
    })),
    total: levels[levels.length - 1] - 1,
    sharpe: sharpeRatio(rs),
    sortino: sortinoRatio(rs),
    maxDrawdown: figure(maxDrawdown(episodes, cmpNum), names),
    drawdowns: episodes.length,
    winDays: winDays(rs, (r) => Math.sign(r)),
    best: bw && { day: days[bw.best].day, value: days[bw.best].r },
    worst: bw && { day: days[bw.worst].day, value: days[bw.worst].r },
    months: monthCells(
      days.map((d) => ({ day: d.day, value: d.r })),
      compound,
    ),
  };
}
