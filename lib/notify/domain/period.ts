import {
  addUtcDays,
  addUtcMonths,
  formatUtcDate,
  startOfUtcDay,
  startOfUtcMonth,
} from '../../core/time/calendar';
import { parseTimeWindow } from '../../core/time/time-window';

/**
 * Report periods (UTC): a day, or a calendar month. A period is due once it has closed and
 * REPORT_DELAY_MS more have passed (the rollup's minute and late fills). A schedule remembers
 * the end of the last period it built: the next ones start there, so a restart neither skips
 * nor repeats one; a new schedule starts with the last closed period.
 */
export const REPORT_PERIODS = ['daily', 'monthly'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_DELAY_MS = 5 * 60_000;
/** At most this many periods are built per run (a long outage is caught up over a few runs). */
export const MAX_PERIODS_PER_RUN = 3;

export interface Period {
  start: Date;
  end: Date;
}

const step = (kind: ReportPeriod, d: Date) =>
  kind === 'daily' ? addUtcDays(d, 1) : addUtcMonths(d, 1);
const floor = (kind: ReportPeriod, d: Date) =>
  kind === 'daily' ? startOfUtcDay(d) : startOfUtcMonth(d);

export function periodsDue(
  kind: ReportPeriod,
  lastEnd: Date | null,
  now: Date,
  max = MAX_PERIODS_PER_RUN,
): Period[] {
  const closedBy = floor(kind, new Date(now.getTime() - REPORT_DELAY_MS));
  let start =
    lastEnd === null
      ? kind === 'daily'
        ? addUtcDays(closedBy, -1)
        : addUtcMonths(closedBy, -1)
      : floor(kind, lastEnd);
  const out: Period[] = [];
  while (out.length < max) {
    const end = step(kind, start);
    if (end.getTime() > closedBy.getTime()) break;
    out.push({ start, end });
    start = end;
  }
  return out;
}

/** "2024-03-02" for a day, "2024-03" for a month, "2024-03-02 – 2024-03-05" otherwise. */
export function periodLabel(p: Period): string {
  const s = formatUtcDate(p.start);
  if (
    addUtcDays(p.start, 1).getTime() === p.end.getTime() &&
    startOfUtcDay(p.start).getTime() === p.start.getTime()
  )
    return s;
  if (
    startOfUtcMonth(p.start).getTime() === p.start.getTime() &&
    addUtcMonths(p.start, 1).getTime() === p.end.getTime()
  )
    return s.slice(0, 7);
  return `${s} – ${formatUtcDate(addUtcDays(p.end, -1))}`;
}

type QueryValue = string | string[] | null | undefined;
const absent = (v: QueryValue) =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) ? v.every((x) => x.trim() === '') : v.trim() === '');

/**
 * /reports/period's window: `start`/`end` as on every dashboard (parseTimeWindow: same
 * formats, same 400s naming the parameter), or, with neither, yesterday (UTC).
 */
export function parsePeriodWindow(q: { start?: QueryValue; end?: QueryValue }, now: Date): Period {
  if (absent(q.start) && absent(q.end)) {
    const end = startOfUtcDay(now);
    return { start: addUtcDays(end, -1), end };
  }
  return parseTimeWindow(q, now);
}
