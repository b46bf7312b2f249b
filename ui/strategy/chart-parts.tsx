import { formatCompact } from '@/ui/shared/format';
import { UTC, instantOfWall, wallTime } from '@/lib/core/time/zone';

/**
 * Pieces both strategy graphs share: colours, the time axis (in the display zone: ticks on its
 * round hours and local midnights, labels in its wall clock) and number labels. The colours are
 * CSS custom properties (app/globals.css), so both themes have their own shade.
 */
export const BID_COLOUR = 'var(--c-bid)';
export const ASK_COLOUR = 'var(--c-ask)';

const HOUR = 3_600_000;
const STEPS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  2 * 24 * HOUR,
  7 * 24 * HOUR,
  14 * 24 * HOUR,
  30 * 24 * HOUR,
  91 * 24 * HOUR,
  365 * 24 * HOUR,
];

/** The ticks' step for a window of `spanMs`: the shortest that gives at most 14. */
const tickStep = (spanMs: number): number =>
  STEPS.find((s) => Math.max(1, spanMs) / s <= 14) ?? STEPS[STEPS.length - 1];

/**
 * Round ticks (whole minutes, hours or days of the zone's clock), about 8 to 14 across the
 * window. In a zone the round wall times are found first, then turned into instants: a day step
 * gives each local midnight, 23 or 25 hours apart across a clock change.
 */
export function timeTicks(start: number, end: number, zone: string = UTC): number[] {
  const step = tickStep(end - start);
  const ticks: number[] = [];
  const [from, to] = [wallTime(zone, start), wallTime(zone, end)];
  for (let w = Math.ceil(from / step) * step; w <= to; w += step) {
    const t = instantOfWall(zone, w);
    if (t >= start && t <= end && t !== ticks[ticks.length - 1]) ticks.push(t);
  }
  return ticks;
}

/**
 * A tick's label: ticks under a day apart show the time, and the date at midnight (a week's
 * 12-hour ticks read 12-25, 12:00, 12-26, …, not each date twice); day ticks the date; ticks of
 * a long window the month.
 */
export const timeTick = (spanMs: number, zone: string) => (ms: number) => {
  const iso = new Date(wallTime(zone, ms)).toISOString();
  if (tickStep(spanMs) < 24 * HOUR)
    return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  return spanMs <= 400 * 86_400_000 ? iso.slice(5, 10) : iso.slice(0, 7);
};

/** Props of the window's time axis in the zone, nothing drawn outside [start, end]. */
export function timeAxisProps(start: number, end: number, zone: string = UTC) {
  return {
    type: 'number' as const,
    dataKey: 't',
    domain: [start, end],
    scale: 'time' as const,
    tickFormatter: timeTick(end - start, zone),
    ticks: timeTicks(start, end, zone),
    allowDataOverflow: true,
  };
}

/** Axis ticks and short labels (ui/shared/format.ts formatCompact). */
export const compact = formatCompact;
