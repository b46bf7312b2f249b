/**
 * The monthly heatmap: one cell per calendar month (UTC) that has a day in the series,
 * combining its days with `combine` (sums of P&L, or compounded returns). Days are
 * 'YYYY-MM-DD' in ascending order.
 */
export interface MonthCell<V> {
  /** 'YYYY-MM' */
  month: string;
  value: V;
  days: number;
}

export function monthCells<V>(
  days: ReadonlyArray<{ day: string; value: V }>,
  combine: (acc: V, next: V) => V,
): Array<MonthCell<V>> {
  const out: Array<MonthCell<V>> = [];
  for (const d of days) {
    const month = d.day.slice(0, 7);
    const last = out[out.length - 1];
    if (last && last.month === month) {
      last.value = combine(last.value, d.value);
      last.days++;
    } else out.push({ month, value: d.value, days: 1 });
  }
  return out;
}

/** Years present, ascending, for the heatmap's rows (columns are January…December). */
export function heatmapYears(cells: ReadonlyArray<{ month: string }>): number[] {
  return [...new Set(cells.map((c) => Number(c.month.slice(0, 4))))].sort((a, b) => a - b);
}

/** (1 + a)(1 + b) − 1: how daily returns combine into a month's. */
export const compound = (a: number, b: number): number => (1 + a) * (1 + b) - 1;
