import 'server-only';
import type { Pool } from 'mysql2/promise';
import { DAY_MS } from '../core/time/calendar';
import { dayOf, dayStartMs, floorDay, planDayRanges } from './domain/days';
import type { FillSums } from './domain/types';
import { sumFillsLive } from './queries/fills';
import { readCheckpointSums } from './checkpoint-reads';

/**
 * Fill sums for a fund window [start, end), from the daily checkpoints (trade ids up to
 * `mark`) plus live reads of what they do not cover: fills above the mark, and the parts of
 * days cut by the window's ends.
 */
export interface FundFillData {
  /** Everything before the start. */
  opening: FillSums[];
  /** The window, by day. */
  window: FillSums[];
  /** Whole days at both ends (for day rates): the window plus the rest of its first and last day. */
  rateRows: FillSums[];
}

/** Sums over [from, to), by day. */
async function sumRange(
  trading: Pool,
  dashboards: Pool,
  mark: number,
  from: number,
  to: number,
): Promise<FillSums[]> {
  const plan = planDayRanges(from, to);
  const parts: Array<Promise<FillSums[]>> = plan.partials.map(([a, b]) =>
    sumFillsLive(trading, { from: new Date(a), before: new Date(b), byDay: true }),
  );
  if (plan.wholeDays) {
    const { fromDay, toDay } = plan.wholeDays;
    parts.push(readCheckpointSums(dashboards, { fromDay, toDay, byDay: true }));
    parts.push(
      sumFillsLive(trading, {
        from: new Date(dayStartMs(fromDay)),
        before: new Date(dayStartMs(toDay)),
        aboveId: mark,
        byDay: true,
      }),
    );
  }
  return (await Promise.all(parts)).flat();
}

export async function loadFillData(
  trading: Pool,
  dashboards: Pool,
  q: { start: Date; end: Date; mark: number },
): Promise<FundFillData> {
  const start = q.start.getTime();
  const end = q.end.getTime();
  const firstDayStart = floorDay(start);
  const [history, recent, firstDayHead, window, lastDayTail] = await Promise.all([
    readCheckpointSums(dashboards, { fromDay: null, toDay: dayOf(start), byDay: false }),
    sumFillsLive(trading, {
      from: null,
      before: new Date(firstDayStart),
      aboveId: q.mark,
      byDay: false,
    }),
    sumRange(trading, dashboards, q.mark, firstDayStart, start),
    sumRange(trading, dashboards, q.mark, start, end),
    sumRange(trading, dashboards, q.mark, end, floorDay(end) + DAY_MS),
  ]);
  return {
    opening: [...history, ...recent, ...firstDayHead],
    window,
    rateRows: [...firstDayHead, ...window, ...lastDayTail],
  };
}
